//! Every action a key can trigger, with its keymap name, the context it belongs to and
//! the description shown in help and the hint bar. This list is the single source the
//! keymap files, `keymap check`, the help overlay and the hint bar are generated from.

/// Where an action applies. `Global` actions work on every screen that is not taking
/// typed text; the others apply only on their screens, and a screen's own context wins
/// over `Global` when both bind the same key. `Picker` covers the type-to-filter lists
/// (search, glossary, help), where letters are typed, not bound. `Wizard` is the question
/// screen; `Assess` the other assessment screens (set-up, results, plan, list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Reader,
    Picker,
    Wizard,
    Assess,
    Text,
}

impl Context {
    pub const ALL: [Context; 7] = [
        Context::Global,
        Context::List,
        Context::Reader,
        Context::Picker,
        Context::Wizard,
        Context::Assess,
        Context::Text,
    ];

    /// Section name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Picker => "picker",
            Context::Wizard => "wizard",
            Context::Assess => "assess",
            Context::Text => "text",
        }
    }

    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Lists",
            Context::Reader => "Reading",
            Context::Picker => "Search, glossary filter and help",
            Context::Wizard => "Assessment questions",
            Context::Assess => "Assessment set-up, results, plan and list",
            Context::Text => "Text fields",
        }
    }

    pub fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $ctx:ident, $desc:literal;)*) => {
        /// Something the user can ask for. Keys map to these through the keymap.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant,)* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// Name in keymap files (`quit`, `next_section`...).
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// The context the action lives in.
            pub fn context(self) -> Context {
                match self { $(Action::$variant => Context::$ctx,)* }
            }

            /// One-line description for help, the palette and `keymap show`.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc,)* }
            }
        }
    };
}

actions! {
    Quit => "quit", Global, "Quit almanac";
    Help => "help", Global, "Help and command palette";
    Search => "search", Global, "Search everything";
    Back => "back", Global, "Go back";
    Forward => "forward", Global, "Go forward again";
    Home => "home", Global, "Go to the outcome list";
    Glossary => "glossary", Global, "Open the glossary";
    Foundations => "foundations", Global, "Councillor foundations path";
    Assessments => "assessments", Global, "Assessments: start, resume, results";
    NewAssessment => "new_assessment", Global, "Start a self-assessment";
    Resume => "resume", Global, "Resume an unfinished assessment (the selected one in the list)";
    Copy => "copy", Global, "Copy the current item as Markdown";
    Redraw => "redraw", Global, "Redraw the screen";
    Suspend => "suspend", Global, "Suspend to the shell";

    Up => "up", List, "Previous item";
    Down => "down", List, "Next item";
    PageUp => "page_up", List, "Page up";
    PageDown => "page_down", List, "Page down";
    Top => "top", List, "First item";
    Bottom => "bottom", List, "Last item";
    Open => "open", List, "Open the selected item";
    NextSection => "next_section", List, "Next section";
    PrevSection => "prev_section", List, "Previous section";

    ScrollUp => "scroll_up", Reader, "Scroll up a line";
    ScrollDown => "scroll_down", Reader, "Scroll down a line";
    HalfPageUp => "half_page_up", Reader, "Scroll up half a page";
    HalfPageDown => "half_page_down", Reader, "Scroll down half a page";
    ReaderPageUp => "reader_page_up", Reader, "Scroll up a page";
    ReaderPageDown => "reader_page_down", Reader, "Scroll down a page";
    ReaderTop => "reader_top", Reader, "Go to the top";
    ReaderBottom => "reader_bottom", Reader, "Go to the end";
    NextLink => "next_link", Reader, "Select the next link";
    PrevLink => "prev_link", Reader, "Select the previous link";
    FollowLink => "follow_link", Reader, "Follow the selected link";
    NextItem => "next_item", Reader, "Next item in this section";
    PrevItem => "prev_item", Reader, "Previous item in this section";

    PickerNext => "picker_next", Picker, "Next entry";
    PickerPrev => "picker_prev", Picker, "Previous entry";
    PickerPageDown => "picker_page_down", Picker, "Page down";
    PickerPageUp => "picker_page_up", Picker, "Page up";
    PickerAccept => "picker_accept", Picker, "Open or run the selected entry";
    PickerClose => "picker_close", Picker, "Close";
    PickerScope => "picker_scope", Picker, "Cycle the search scope";

    Answer1 => "answer_1", Wizard, "Answer level 1";
    Answer2 => "answer_2", Wizard, "Answer level 2";
    Answer3 => "answer_3", Wizard, "Answer level 3";
    Answer4 => "answer_4", Wizard, "Answer level 4";
    Answer5 => "answer_5", Wizard, "Answer level 5";
    Skip => "skip", Wizard, "Skip this question";
    Notes => "notes", Wizard, "Write notes for this question";
    Target => "target", Wizard, "Set the target level";
    PrevQuestion => "prev_question", Wizard, "Previous question";
    NextQuestion => "next_question", Wizard, "Next question";
    Results => "results", Wizard, "Show results";
    SaveCopy => "save_copy", Wizard, "Save to a new file when this one cannot be written";

    Toggle => "toggle", Assess, "Toggle: outcome in scope, guidance in the plan, done, mark to compare";
    SelectAll => "select_all", Assess, "Choose every outcome, or none";
    Plan => "plan", Assess, "Open the action plan";
    Export => "export", Assess, "Export as Markdown, CSV or JSON";
    MoveUp => "move_up", Assess, "Move the plan entry up";
    MoveDown => "move_down", Assess, "Move the plan entry down";
    Remove => "remove", Assess, "Remove the plan entry";

    Submit => "submit", Text, "Accept a one-line field";
    Cancel => "cancel", Text, "Leave the field (notes are kept)";
    NextField => "next_field", Text, "Next field";
    PrevField => "prev_field", Text, "Previous field";
}

impl Action {
    /// Moves a selection within a list: list navigation and picker navigation alike.
    pub fn is_selection_move(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom
                | Action::PickerNext
                | Action::PickerPrev
                | Action::PickerPageUp
                | Action::PickerPageDown
        )
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
    }
}
