//! Application state and the one `update` that changes it. Keys arrive here already
//! turned into [`Action`]s by the keymap (or as typed text for fields); views only read.

use std::cell::Cell;
use std::rc::Rc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::content::{Almanac, ItemRef, Kind};
use crate::keymap::{Action, Context, Key, Keymap, Resolved};

use super::overlay::{self, Overlay};
use super::search::{Live, SearchScope};
use super::theme::Theme;
use super::wizard::{self, Page, Wizard};

/// The sections of an outcome, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Overview,
    Guidance,
    Challenges,
    CaseStudies,
    Councillor,
    Reading,
    /// The outcome's self-assessment questions, with their five levels.
    Assess,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Overview,
        Section::Guidance,
        Section::Challenges,
        Section::CaseStudies,
        Section::Councillor,
        Section::Reading,
        Section::Assess,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Guidance => "Guidance",
            Section::Challenges => "Challenges",
            Section::CaseStudies => "Case studies",
            Section::Councillor => "Councillor questions",
            Section::Reading => "Reading",
            Section::Assess => "Assess",
        }
    }

    /// Short label for narrow terminals.
    pub fn short(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Guidance => "Guidance",
            Section::Challenges => "Challenges",
            Section::CaseStudies => "Cases",
            Section::Councillor => "Councillor",
            Section::Reading => "Reading",
            Section::Assess => "Assess",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Guidance => "guidance",
            Section::Challenges => "challenges",
            Section::CaseStudies => "case-studies",
            Section::Councillor => "councillor",
            Section::Reading => "reading",
            Section::Assess => "assess",
        }
    }

    fn index(self) -> usize {
        Section::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The items of this section of outcome `o`.
    pub fn items(self, a: &Almanac, o: usize) -> Vec<ItemRef> {
        let x = &a.outcomes[o];
        match self {
            Section::Overview => Vec::new(),
            Section::Guidance => (0..x.guidance.len())
                .map(|i| ItemRef::Guidance(o, i))
                .collect(),
            Section::Challenges => (0..x.challenges.len())
                .map(|i| ItemRef::Challenge(o, i))
                .collect(),
            Section::CaseStudies => (0..x.case_studies.len())
                .map(|i| ItemRef::CaseStudy(o, i))
                .collect(),
            Section::Councillor => (0..x.councillor_questions.len())
                .map(|i| ItemRef::CouncillorQuestion(o, i))
                .collect(),
            Section::Assess => (0..x.questions.len())
                .map(|i| ItemRef::Question(o, i))
                .collect(),
            Section::Reading => (0..x.reading.len())
                .map(|i| ItemRef::Reading(o, i))
                .collect(),
        }
    }

    /// The section an item is listed in.
    pub fn of(kind: Kind) -> Option<Section> {
        Some(match kind {
            Kind::Outcome => Section::Overview,
            Kind::Guidance => Section::Guidance,
            Kind::Challenge => Section::Challenges,
            Kind::CaseStudy => Section::CaseStudies,
            Kind::CouncillorQuestion => Section::Councillor,
            Kind::Reading => Section::Reading,
            Kind::Question => Section::Assess,
            Kind::Term => return None,
        })
    }
}

/// A scrolling position that the view keeps in range as it draws (like ratatui's
/// `ListState`), so update code never needs to know the terminal's size. The view
/// also records where it drew, so a mouse click can find the row under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    pub offset: Cell<usize>,
    pub area: Cell<Rect>,
}

impl Scroll {
    /// The row index under screen cell (`column`, `row`), if it is inside the last
    /// drawn area.
    pub fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        let a = self.area.get();
        let inside = column >= a.x && column < a.x + a.width && row >= a.y && row < a.y + a.height;
        inside.then(|| self.offset.get() + usize::from(row - a.y))
    }
}

/// Where the user is. Screens are values so history can keep them, selection included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Home {
        selected: usize,
        list: Scroll,
    },
    Outcome {
        outcome: usize,
        section: Section,
        /// Selected row per section, so switching tabs keeps each place.
        selected: [usize; 7],
        list: Scroll,
        /// Scroll of the Overview text.
        text: Scroll,
    },
    Reader {
        item: ItemRef,
        text: Scroll,
        /// The selected link, if any (Tab cycles).
        link: Option<usize>,
    },
    Glossary {
        filter: String,
        selected: usize,
        list: Scroll,
    },
    Foundations {
        step: usize,
        text: Scroll,
        link: Option<usize>,
    },
    /// Search results for the query being typed (`/` from anywhere). A screen rather
    /// than a pop-up so Back from an opened result returns to the same results.
    Search {
        query: String,
        scope: SearchScope,
        /// The outcome the user searched from, offered as a scope.
        origin: Option<usize>,
        selected: usize,
        list: Scroll,
    },
    /// Set-up, questions, results, plan, the list of assessments (see [`wizard`]).
    Assess(Page),
}

impl Screen {
    pub fn home() -> Screen {
        Screen::Home {
            selected: 0,
            list: Scroll::default(),
        }
    }

    pub fn outcome(outcome: usize, section: Section) -> Screen {
        Screen::Outcome {
            outcome,
            section,
            selected: [0; 7],
            list: Scroll::default(),
            text: Scroll::default(),
        }
    }

    pub fn reader(item: ItemRef) -> Screen {
        Screen::Reader {
            item,
            text: Scroll::default(),
            link: None,
        }
    }

    /// The keymap contexts active on this screen, highest priority first.
    pub fn contexts(&self) -> &'static [Context] {
        match self {
            Screen::Home { .. } | Screen::Outcome { .. } => &[Context::List, Context::Global],
            Screen::Reader { .. } | Screen::Foundations { .. } => {
                &[Context::Reader, Context::Global]
            }
            Screen::Glossary { .. } | Screen::Search { .. } => &[Context::Picker],
            Screen::Assess(page) => page.contexts(),
        }
    }
}

/// What the event loop must do after an update, beyond redrawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    Suspend,
    /// Clear the terminal and draw everything again.
    Redraw,
    /// Put this text on the clipboard (OSC 52) and say so.
    Copy {
        text: String,
        what: String,
    },
}

/// A message in the status line until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub almanac: Rc<Almanac>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub screen: Screen,
    back: Vec<Screen>,
    forward: Vec<Screen>,
    /// Keys typed so far of a chord such as `g g`.
    pending: Vec<Key>,
    /// The filter line of the glossary (and other type-to-filter lists).
    pub input: TextArea<'static>,
    /// Results of the search screen's query.
    pub live: Live,
    pub status: Option<Status>,
    /// A panel over the screen (help and command palette) that takes the keys first.
    pub overlay: Option<Overlay>,
    /// The open assessment and the assessment screens' state.
    pub wizard: Wizard,
}

/// How many history entries to keep; older ones are dropped.
const HISTORY: usize = 200;

impl App {
    pub fn new(almanac: Rc<Almanac>, keymap: Keymap, theme: Theme) -> App {
        App {
            almanac,
            keymap,
            theme,
            screen: Screen::home(),
            back: Vec::new(),
            forward: Vec::new(),
            pending: Vec::new(),
            input: single_line(""),
            live: Live::default(),
            status: None,
            overlay: None,
            wizard: Wizard::default(),
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty() || self.parent().is_some()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    /// Goes to a new screen, remembering the current one for Back.
    pub fn navigate(&mut self, to: Screen) {
        let from = std::mem::replace(&mut self.screen, to);
        self.back.push(from);
        if self.back.len() > HISTORY {
            self.back.remove(0);
        }
        self.forward.clear();
        self.enter_screen();
    }

    fn enter_screen(&mut self) {
        match &self.screen {
            Screen::Glossary { filter, .. } => self.input = single_line(filter),
            Screen::Search { query, scope, .. } => {
                self.input = single_line(query);
                self.live.refresh(&self.almanac, query, *scope);
            }
            _ => {}
        }
        wizard::enter(self);
    }

    pub fn back(&mut self) {
        let prev = match self.back.pop() {
            Some(prev) => prev,
            None => match self.parent() {
                Some(parent) => parent,
                None => return,
            },
        };
        let cur = std::mem::replace(&mut self.screen, prev);
        self.forward.push(cur);
        self.enter_screen();
    }

    pub fn forward(&mut self) {
        if let Some(next) = self.forward.pop() {
            let cur = std::mem::replace(&mut self.screen, next);
            self.back.push(cur);
            self.enter_screen();
        }
    }

    /// Where Back goes when there is no history (after restoring a saved place).
    fn parent(&self) -> Option<Screen> {
        match &self.screen {
            Screen::Home { .. } => None,
            Screen::Reader { item, .. } => {
                let o = item.outcome()?;
                let section = Section::of(item.kind())?;
                let mut s = Screen::outcome(o, section);
                if let Screen::Outcome { selected, .. } = &mut s {
                    let pos = section
                        .items(&self.almanac, o)
                        .iter()
                        .position(|r| r == item);
                    selected[section.index()] = pos.unwrap_or(0);
                }
                Some(s)
            }
            Screen::Outcome { outcome, .. } => Some(Screen::Home {
                selected: *outcome,
                list: Scroll::default(),
            }),
            _ => Some(Screen::home()),
        }
    }

    /// Handles one key press: Ctrl-C first, then an open overlay, then the screen.
    /// Where text is typed (filters, the palette), letters and editing keys type and
    /// only other keys (F1, Ctrl-L, Ctrl-Z...) reach the global actions.
    pub fn on_key(&mut self, ev: KeyEvent) -> Effect {
        self.status = None;
        let key = Key::from_event(&ev);
        if key.is_ctrl_c() {
            return Effect::Quit;
        }
        // Assessment fields and prompts (notes, set-up, plan entry, export) type first.
        if self.overlay.is_none()
            && let Some(effect) = wizard::on_key(self, ev, key)
        {
            return effect;
        }
        let (own, typing) = match &self.overlay {
            Some(o) => (o.contexts(), o.takes_text()),
            None => {
                let c = self.screen.contexts();
                (c, c.contains(&Context::Picker))
            }
        };
        let mut contexts = own.to_vec();
        let types_text = typing && is_text_key(&ev);
        if !types_text && !contexts.contains(&Context::Global) {
            contexts.push(Context::Global);
        }
        let pending = std::mem::take(&mut self.pending);
        match self.keymap.resolve(&contexts, &pending, key) {
            Resolved::Action(action) => self.dispatch(action),
            Resolved::Pending => {
                self.pending = pending;
                self.pending.push(key);
                Effect::None
            }
            Resolved::Unbound if pending.is_empty() && typing && is_text_key(&ev) => {
                match &mut self.overlay {
                    Some(o) => o.on_text(ev, &self.keymap),
                    None => self.type_into_filter(ev),
                }
                Effect::None
            }
            Resolved::Unbound => Effect::None,
        }
    }

    /// An action goes to the open overlay if it belongs to one of the overlay's
    /// contexts; a global action closes the overlay first, except those that leave the
    /// screen as it is (redraw, suspend, quit) and help, which toggles.
    fn dispatch(&mut self, action: Action) -> Effect {
        let Some(open) = &mut self.overlay else {
            return self.update(action);
        };
        if open.contexts().contains(&action.context()) {
            let outcome = open.on_action(action, &self.keymap);
            return self.overlay_outcome(outcome);
        }
        match action {
            Action::Quit | Action::Suspend | Action::Redraw => self.update(action),
            Action::Help if matches!(open, Overlay::Help(_)) => {
                self.overlay = None;
                Effect::None
            }
            _ => {
                self.overlay = None;
                self.update(action)
            }
        }
    }

    fn overlay_outcome(&mut self, outcome: overlay::Outcome) -> Effect {
        match outcome {
            overlay::Outcome::Stay => Effect::None,
            overlay::Outcome::Close => {
                self.overlay = None;
                Effect::None
            }
            overlay::Outcome::Run(action) => {
                self.overlay = None;
                self.run_from_palette(action)
            }
        }
    }

    /// The contexts whose actions do something on the current screen.
    pub fn active_contexts(&self) -> Vec<Context> {
        let mut c = self.screen.contexts().to_vec();
        if !c.contains(&Context::Global) {
            c.push(Context::Global);
        }
        c
    }

    /// Runs an action chosen in the palette against the screen, or says why it
    /// cannot run here.
    fn run_from_palette(&mut self, action: Action) -> Effect {
        if self.active_contexts().contains(&action.context()) {
            return self.update(action);
        }
        self.status = Some(Status {
            text: format!(
                "\"{}\" does nothing here: it belongs to {}",
                action.description(),
                action.context().title().to_lowercase()
            ),
            error: true,
        });
        Effect::None
    }

    /// Mouse (only when turned on): the wheel scrolls lists and text, a click selects
    /// a list row, and a click on the selected row opens it.
    pub fn on_mouse(&mut self, ev: MouseEvent) -> Effect {
        const WHEEL: isize = 3;
        let wheel = match ev.kind {
            MouseEventKind::ScrollDown => Some(WHEEL),
            MouseEventKind::ScrollUp => Some(-WHEEL),
            _ => None,
        };
        if let Some(o) = &mut self.overlay {
            if let Some(lines) = wheel {
                o.on_wheel(lines, &self.keymap);
                return Effect::None;
            }
            if matches!(ev.kind, MouseEventKind::Down(_)) {
                let outcome = o.on_click(ev.column, ev.row, &self.keymap);
                return self.overlay_outcome(outcome);
            }
            return Effect::None;
        }
        if let Some(lines) = wheel {
            self.status = None;
            self.wheel(lines);
            return Effect::None;
        }
        if !matches!(ev.kind, MouseEventKind::Down(_)) {
            return Effect::None;
        }
        self.status = None;
        let almanac = Rc::clone(&self.almanac);
        let (selected, len, list) = match &mut self.screen {
            Screen::Home { selected, list } => (selected, almanac.outcomes.len(), &*list),
            Screen::Outcome {
                outcome,
                section,
                selected,
                list,
                ..
            } if *section != Section::Overview => {
                let len = section.items(&almanac, *outcome).len();
                (&mut selected[section.index()], len, &*list)
            }
            Screen::Glossary {
                filter,
                selected,
                list,
            } => (selected, glossary_matches(&almanac, filter).len(), &*list),
            _ => return Effect::None,
        };
        match list.row_at(ev.column, ev.row) {
            Some(row) if row < len && row == *selected => {
                let open = if matches!(self.screen, Screen::Glossary { .. }) {
                    Action::PickerAccept
                } else {
                    Action::Open
                };
                self.update(open)
            }
            Some(row) if row < len => {
                *selected = row;
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// The wheel moves the selection in lists and scrolls text.
    fn wheel(&mut self, lines: isize) {
        let (down, up) = match &self.screen {
            Screen::Glossary { .. } | Screen::Search { .. } => {
                (Action::PickerNext, Action::PickerPrev)
            }
            Screen::Outcome { section, .. } if *section == Section::Overview => {
                (Action::ScrollDown, Action::ScrollUp)
            }
            Screen::Home { .. } | Screen::Outcome { .. } => (Action::Down, Action::Up),
            Screen::Reader { .. } | Screen::Foundations { .. } => {
                (Action::ScrollDown, Action::ScrollUp)
            }
            Screen::Assess(Page::Question { .. } | Page::Compare { .. }) => {
                (Action::ScrollDown, Action::ScrollUp)
            }
            Screen::Assess(_) => (Action::Down, Action::Up),
        };
        let action = if lines > 0 { down } else { up };
        for _ in 0..lines.unsigned_abs() {
            self.update_screen(action);
        }
    }

    /// Printable keys and editing keys go to the filter line of a type-to-filter list.
    fn type_into_filter(&mut self, ev: KeyEvent) {
        self.input.input(ev);
        let text = self.input.lines().join("");
        match &mut self.screen {
            Screen::Glossary {
                filter, selected, ..
            } if *filter != text => {
                *filter = text;
                *selected = 0;
            }
            Screen::Search {
                query,
                scope,
                selected,
                ..
            } if *query != text => {
                *query = text;
                *selected = 0;
                self.live.refresh(&self.almanac, query, *scope);
            }
            _ => {}
        }
    }

    /// The one place state changes in response to an action.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::Redraw => return Effect::Redraw,
            Action::Back | Action::PickerClose => self.back(),
            Action::Forward => self.forward(),
            Action::Home => {
                if !matches!(self.screen, Screen::Home { .. }) {
                    self.navigate(Screen::home());
                }
            }
            Action::Glossary => self.navigate(Screen::Glossary {
                filter: String::new(),
                selected: 0,
                list: Scroll::default(),
            }),
            Action::Foundations => self.navigate(Screen::Foundations {
                step: self.current_outcome().unwrap_or(0),
                text: Scroll::default(),
                link: None,
            }),
            Action::Copy => return self.copy(),
            Action::Search => {
                if !matches!(self.screen, Screen::Search { .. }) {
                    let origin = match &self.screen {
                        Screen::Outcome { outcome, .. } => Some(*outcome),
                        Screen::Reader { item, .. } => item.outcome(),
                        _ => None,
                    };
                    self.navigate(Screen::Search {
                        query: String::new(),
                        scope: SearchScope::All,
                        origin,
                        selected: 0,
                        list: Scroll::default(),
                    });
                }
            }
            Action::Help => {
                self.overlay = Some(Overlay::Help(overlay::help::Help::new(
                    self.active_contexts(),
                )));
            }
            Action::NewAssessment | Action::Assessments | Action::Resume => {
                wizard::global(self, action)
            }
            _ => self.update_screen(action),
        }
        Effect::None
    }

    fn update_screen(&mut self, action: Action) {
        if let Screen::Assess(_) = self.screen {
            wizard::update(self, action);
            return;
        }
        let almanac = Rc::clone(&self.almanac);
        let a = &*almanac;
        let mut open: Option<Screen> = None;
        match &mut self.screen {
            Screen::Home { selected, .. } => {
                let len = a.outcomes.len();
                if action == Action::Open {
                    open = Some(Screen::outcome(*selected, Section::Overview));
                } else {
                    move_selection(selected, len, action);
                }
            }
            Screen::Outcome {
                outcome,
                section,
                selected,
                text,
                ..
            } => {
                let items = section.items(a, *outcome);
                let sel = &mut selected[section.index()];
                match action {
                    Action::NextSection | Action::PrevSection => {
                        let n = Section::ALL.len();
                        let step = if action == Action::NextSection {
                            1
                        } else {
                            n - 1
                        };
                        *section = Section::ALL[(section.index() + step) % n];
                    }
                    Action::Open => {
                        if let Some(item) = items.get(*sel) {
                            open = Some(Screen::reader(*item));
                        }
                    }
                    _ if *section == Section::Overview => scroll_text(text, action),
                    _ => move_selection(sel, items.len(), action),
                }
            }
            Screen::Reader { item, text, link } => {
                let links = reader_links(a, *item);
                match action {
                    Action::NextLink | Action::PrevLink => cycle_link(link, links.len(), action),
                    Action::FollowLink => {
                        if let Some(target) = link.and_then(|l| links.get(l)) {
                            open = Some(Screen::reader(*target));
                        }
                    }
                    Action::NextItem | Action::PrevItem => {
                        if let Some(next) = sibling(a, *item, action == Action::NextItem) {
                            self.screen = Screen::reader(next);
                        }
                    }
                    _ => scroll_text(text, action),
                }
            }
            Screen::Foundations { step, text, link } => match action {
                Action::NextItem | Action::PrevItem => {
                    let n = a.outcomes.len();
                    *step = if action == Action::NextItem {
                        (*step + 1).min(n - 1)
                    } else {
                        step.saturating_sub(1)
                    };
                    text.offset.set(0);
                    *link = None;
                }
                Action::NextLink | Action::PrevLink => cycle_link(link, 1, action),
                Action::FollowLink => {
                    if link.is_some() {
                        open = Some(Screen::outcome(*step, Section::Overview));
                    }
                }
                _ => scroll_text(text, action),
            },
            Screen::Glossary {
                filter, selected, ..
            } => {
                let matches = glossary_matches(a, filter);
                match action {
                    a if a.is_selection_move() => move_selection(selected, matches.len(), a),
                    Action::PickerAccept => {
                        if let Some(t) = matches.get(*selected) {
                            open = Some(Screen::reader(ItemRef::Term(*t)));
                        }
                    }
                    _ => {}
                }
            }
            Screen::Search {
                query,
                scope,
                origin,
                selected,
                ..
            } => {
                let len = self.live.results.hits.len();
                match action {
                    a if a.is_selection_move() => move_selection(selected, len, a),
                    Action::PickerScope => {
                        *scope = scope.next(*origin);
                        *selected = 0;
                        self.live.refresh(a, query, *scope);
                    }
                    Action::PickerAccept => {
                        open = self.live.results.hits.get(*selected).map(|h| match h.item {
                            ItemRef::Outcome(o) => Screen::outcome(o, Section::Overview),
                            item => Screen::reader(item),
                        });
                    }
                    _ => {}
                }
            }
            Screen::Assess(_) => {}
        }
        if let Some(to) = open {
            self.navigate(to);
        }
    }

    /// The outcome the user is looking at, if any.
    pub fn current_outcome(&self) -> Option<usize> {
        match &self.screen {
            Screen::Home { selected, .. } => Some(*selected),
            Screen::Outcome { outcome, .. } => Some(*outcome),
            Screen::Reader { item, .. } => item.outcome(),
            Screen::Foundations { step, .. } => Some(*step),
            Screen::Glossary { .. } => None,
            Screen::Search { origin, .. } => *origin,
            Screen::Assess(_) => wizard::current_question(self).and_then(|q| q.outcome()),
        }
    }

    /// The item a copy or "open" would act on.
    pub fn current_item(&self) -> Option<ItemRef> {
        let a = &self.almanac;
        match &self.screen {
            Screen::Home { selected, .. } => Some(ItemRef::Outcome(*selected)),
            Screen::Outcome {
                outcome,
                section,
                selected,
                ..
            } => match section {
                Section::Overview => Some(ItemRef::Outcome(*outcome)),
                s => s.items(a, *outcome).get(selected[s.index()]).copied(),
            },
            Screen::Reader { item, .. } => Some(*item),
            Screen::Foundations { step, .. } => Some(ItemRef::Outcome(*step)),
            Screen::Glossary {
                filter, selected, ..
            } => glossary_matches(a, filter)
                .get(*selected)
                .map(|t| ItemRef::Term(*t)),
            Screen::Search { selected, .. } => {
                self.live.results.hits.get(*selected).map(|h| h.item)
            }
            Screen::Assess(page) => wizard::current_item(self, page),
        }
    }

    fn copy(&mut self) -> Effect {
        match self.current_item() {
            Some(item) => Effect::Copy {
                text: self.almanac.markdown(item),
                what: self.almanac.title(item).to_string(),
            },
            None => {
                self.status = Some(Status {
                    text: "nothing to copy here".into(),
                    error: true,
                });
                Effect::None
            }
        }
    }

    /// A short, stable description of where the user is, saved between runs.
    pub fn location(&self) -> String {
        self.location_of(&self.screen)
    }

    fn location_of(&self, screen: &Screen) -> String {
        let a = &self.almanac;
        match screen {
            Screen::Home { selected, .. } => format!("home:{}", a.outcomes[*selected].id),
            Screen::Outcome {
                outcome,
                section,
                selected,
                ..
            } => {
                let item = section
                    .items(a, *outcome)
                    .get(selected[section.index()])
                    .map_or(String::new(), |r| a.id(*r).to_string());
                format!(
                    "outcome:{}:{}:{item}",
                    a.outcomes[*outcome].id,
                    section.name()
                )
            }
            Screen::Reader { item, .. } => format!("item:{}", a.id(*item)),
            Screen::Glossary { .. } => "glossary".into(),
            Screen::Foundations { step, .. } => format!("foundations:{}", a.outcomes[*step].id),
            // A search is not worth restoring; remember where it was started from.
            Screen::Search { .. } => match self.back.last() {
                Some(prev) if !matches!(prev, Screen::Search { .. }) => self.location_of(prev),
                _ => "home:".into(),
            },
            // Assessment screens need their file's lock, so the next start goes back to
            // where the assessment was started from (Home, with its offer to resume).
            Screen::Assess(_) => match self
                .back
                .iter()
                .rev()
                .find(|s| !matches!(s, Screen::Assess(_) | Screen::Search { .. }))
            {
                Some(prev) => self.location_of(prev),
                None => "home:".into(),
            },
        }
    }

    /// Returns to a saved location; anything that no longer exists is ignored.
    pub fn restore(&mut self, location: &str) {
        let a = Rc::clone(&self.almanac);
        let outcome = |id: &str| match a.get(id) {
            Some(ItemRef::Outcome(o)) => Some(o),
            _ => None,
        };
        let mut parts = location.split(':');
        let screen = match (parts.next(), parts.next()) {
            (Some("home"), Some(id)) => outcome(id).map(|o| Screen::Home {
                selected: o,
                list: Scroll::default(),
            }),
            (Some("outcome"), Some(id)) => outcome(id).map(|o| {
                let section = parts
                    .next()
                    .and_then(|s| Section::ALL.into_iter().find(|x| x.name() == s))
                    .unwrap_or(Section::Overview);
                let mut screen = Screen::outcome(o, section);
                if let (Screen::Outcome { selected, .. }, Some(item)) = (&mut screen, parts.next())
                    && let Some(pos) = section.items(&a, o).iter().position(|r| a.id(*r) == item)
                {
                    selected[section.index()] = pos;
                }
                screen
            }),
            (Some("item"), Some(id)) => a.get(id).map(Screen::reader),
            (Some("glossary"), _) => Some(Screen::Glossary {
                filter: String::new(),
                selected: 0,
                list: Scroll::default(),
            }),
            (Some("foundations"), Some(id)) => outcome(id).map(|o| Screen::Foundations {
                step: o,
                text: Scroll::default(),
                link: None,
            }),
            _ => None,
        };
        if let Some(screen) = screen {
            self.screen = screen;
            self.enter_screen();
        }
    }
}

/// Keys that type or edit in a one-line field: printable characters (without ctrl or
/// alt), Backspace, Delete and the cursor keys Left and Right. Ctrl-H counts as
/// Backspace, because many terminals (and SSH clients) send it for that key.
pub fn is_text_key(ev: &KeyEvent) -> bool {
    let ctrl_h = ev.code == KeyCode::Char('h') && ev.modifiers == KeyModifiers::CONTROL;
    ctrl_h
        || matches!(
            ev.code,
            KeyCode::Char(_)
                | KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
        ) && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// A one-line text field.
pub fn single_line(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t.set_cursor_line_style(ratatui::style::Style::default());
    t
}

pub(super) fn move_selection(selected: &mut usize, len: usize, action: Action) {
    let last = len.saturating_sub(1);
    *selected = match action {
        Action::Up | Action::PickerPrev => selected.saturating_sub(1),
        Action::Down | Action::PickerNext => (*selected + 1).min(last),
        Action::PageUp | Action::PickerPageUp => selected.saturating_sub(10),
        Action::PageDown | Action::PickerPageDown => (*selected + 10).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => *selected,
    };
}

/// Scroll amounts are in lines; the view clamps to the document's length as it draws.
pub(super) fn scroll_text(text: &mut Scroll, action: Action) {
    let off = text.offset.get();
    let page = 20;
    let new = match action {
        Action::ScrollUp | Action::Up => off.saturating_sub(1),
        Action::ScrollDown | Action::Down => off + 1,
        Action::HalfPageUp => off.saturating_sub(page / 2),
        Action::HalfPageDown => off + page / 2,
        Action::ReaderPageUp | Action::PageUp => off.saturating_sub(page),
        Action::ReaderPageDown | Action::PageDown => off + page,
        Action::ReaderTop | Action::Top => 0,
        Action::ReaderBottom | Action::Bottom => usize::MAX / 2,
        _ => off,
    };
    text.offset.set(new);
}

fn cycle_link(link: &mut Option<usize>, len: usize, action: Action) {
    if len == 0 {
        *link = None;
        return;
    }
    *link = Some(match (*link, action) {
        (None, Action::NextLink) => 0,
        (None, _) => len - 1,
        (Some(l), Action::NextLink) => (l + 1) % len,
        (Some(l), _) => (l + len - 1) % len,
    });
}

/// The next or previous item in the same section of the same outcome.
fn sibling(a: &Almanac, item: ItemRef, next: bool) -> Option<ItemRef> {
    let o = item.outcome()?;
    let items = Section::of(item.kind())?.items(a, o);
    let pos = items.iter().position(|r| *r == item)?;
    if next {
        items.get(pos + 1).copied()
    } else {
        pos.checked_sub(1).and_then(|p| items.get(p).copied())
    }
}

/// The items the reading view offers as links (Tab selects, Enter follows): the item's
/// `related` or `see_also` entries. Web addresses are shown as numbered references.
pub fn reader_links(a: &Almanac, item: ItemRef) -> Vec<ItemRef> {
    a.link_refs(item)
}

/// Glossary terms whose name (or, failing that, definition) contains every word typed.
pub fn glossary_matches(a: &Almanac, filter: &str) -> Vec<usize> {
    let words: Vec<String> = filter
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        return (0..a.glossary.len()).collect();
    }
    let mut in_term = Vec::new();
    let mut in_definition = Vec::new();
    for (i, t) in a.glossary.iter().enumerate() {
        let term = t.term.to_lowercase();
        if words.iter().all(|w| term.contains(w.as_str())) {
            in_term.push(i);
        } else {
            let def = t.definition.to_lowercase();
            if words
                .iter()
                .all(|w| term.contains(w.as_str()) || def.contains(w.as_str()))
            {
                in_definition.push(i);
            }
        }
    }
    in_term.extend(in_definition);
    in_term
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Almanac;
    use ratatui::crossterm::event::KeyEvent;

    fn app() -> App {
        let almanac = Rc::new(Almanac::bundled().unwrap());
        App::new(almanac, Keymap::default_preset(), Theme::monochrome())
    }

    fn press(app: &mut App, key: &str) -> Effect {
        let k = Key::parse(key).unwrap();
        app.on_key(KeyEvent::new(k.code, k.mods))
    }

    #[test]
    fn open_back_and_forward_like_a_browser() {
        let mut app = app();
        press(&mut app, "j");
        press(&mut app, "enter");
        assert!(matches!(
            app.screen,
            Screen::Outcome {
                outcome: 1,
                section: Section::Overview,
                ..
            }
        ));
        press(&mut app, "tab");
        press(&mut app, "enter");
        assert_eq!(app.screen, Screen::reader(ItemRef::Guidance(1, 0)));
        press(&mut app, "esc");
        assert!(matches!(
            app.screen,
            Screen::Outcome {
                section: Section::Guidance,
                ..
            }
        ));
        press(&mut app, "]");
        assert_eq!(app.screen, Screen::reader(ItemRef::Guidance(1, 0)));
        press(&mut app, "h");
        press(&mut app, "left");
        assert!(matches!(app.screen, Screen::Home { selected: 1, .. }));
        press(&mut app, "esc");
        assert!(
            matches!(app.screen, Screen::Home { .. }),
            "Esc at Home does nothing"
        );
        assert_eq!(press(&mut app, "q"), Effect::Quit);
    }

    #[test]
    fn follow_a_link_and_come_back() {
        let mut app = app();
        let (item, target) = app
            .almanac
            .all_items()
            .into_iter()
            .find_map(|r| app.almanac.link_refs(r).first().map(|t| (r, *t)))
            .expect("some item has links");
        app.navigate(Screen::reader(item));
        press(&mut app, "tab");
        assert!(matches!(app.screen, Screen::Reader { link: Some(0), .. }));
        press(&mut app, "enter");
        assert_eq!(app.screen, Screen::reader(target));
        press(&mut app, "esc");
        assert!(matches!(app.screen, Screen::Reader { item: i, .. } if i == item));
    }

    #[test]
    fn sections_cycle_both_ways() {
        let mut app = app();
        press(&mut app, "enter");
        for expected in Section::ALL
            .iter()
            .skip(1)
            .chain(Section::ALL.iter().take(1))
        {
            press(&mut app, "tab");
            assert!(matches!(&app.screen, Screen::Outcome { section, .. } if section == expected));
        }
        press(&mut app, "shift-tab");
        assert!(matches!(
            &app.screen,
            Screen::Outcome {
                section: Section::Assess,
                ..
            }
        ));
    }

    #[test]
    fn assess_section_lists_the_questions_and_a_question_goes_back_there() {
        let mut app = app();
        press(&mut app, "enter");
        press(&mut app, "shift-tab");
        press(&mut app, "enter");
        assert_eq!(app.screen, Screen::reader(ItemRef::Question(0, 0)));
        let mut app = self::app();
        app.restore("item:security-q2");
        press(&mut app, "esc");
        assert!(
            matches!(&app.screen, Screen::Outcome { outcome: 9, section: Section::Assess, selected, .. } if selected[6] == 1)
        );
    }

    #[test]
    fn back_without_history_goes_to_the_parent() {
        let mut app = app();
        app.restore("item:security-q1");
        app.restore(&format!(
            "item:{}",
            app.almanac.id(ItemRef::CaseStudy(9, 1))
        ));
        press(&mut app, "esc");
        assert!(
            matches!(&app.screen, Screen::Outcome { outcome: 9, section: Section::CaseStudies, selected, .. } if selected[3] == 1)
        );
        press(&mut app, "esc");
        assert!(matches!(app.screen, Screen::Home { selected: 9, .. }));
    }

    #[test]
    fn location_round_trips() {
        let mut app = app();
        press(&mut app, "enter");
        press(&mut app, "tab");
        press(&mut app, "j");
        let saved = app.location();
        let mut other = self::app();
        other.restore(&saved);
        assert_eq!(other.location(), saved);
        other.restore("item:no-such-id");
        assert_eq!(other.location(), saved, "unknown places are ignored");
    }

    #[test]
    fn glossary_filters_as_you_type_and_q_is_text() {
        let mut app = app();
        press(&mut app, "w");
        for c in ["s", "i", "r", "o"] {
            assert_eq!(press(&mut app, c), Effect::None);
        }
        let Screen::Glossary { filter, .. } = &app.screen else {
            panic!()
        };
        assert_eq!(filter, "siro");
        let matches = glossary_matches(&app.almanac, "siro");
        assert!(
            app.almanac.glossary[matches[0]]
                .term
                .to_lowercase()
                .contains("siro")
        );
        press(&mut app, "q");
        assert!(
            matches!(&app.screen, Screen::Glossary { filter, .. } if filter == "siroq"),
            "q types in a filter"
        );
        press(&mut app, "backspace");
        press(&mut app, "enter");
        assert!(matches!(
            app.screen,
            Screen::Reader {
                item: ItemRef::Term(_),
                ..
            }
        ));
        assert_eq!(press(&mut app, "ctrl-c"), Effect::Quit);
    }

    #[test]
    fn chords_are_pending_until_complete() {
        let mut app = app();
        let layer = crate::keymap::Layer {
            path: "t.toml".into(),
            text: "[list]\nbottom = [\"z z\"]\n".into(),
        };
        let base = crate::keymap::Layer {
            path: "keymaps/default.toml".into(),
            text: crate::embedded::KEYMAPS
                .iter()
                .find(|(n, _)| *n == "default.toml")
                .unwrap()
                .1
                .into(),
        };
        app.keymap = Keymap::from_layers("default".into(), &[base, layer]).0;
        press(&mut app, "z");
        assert!(matches!(app.screen, Screen::Home { selected: 0, .. }));
        press(&mut app, "z");
        assert!(matches!(app.screen, Screen::Home { selected: 11, .. }));
    }

    #[test]
    fn search_opens_a_result_and_back_returns_to_the_results() {
        let mut app = app();
        press(&mut app, "enter");
        press(&mut app, "/");
        assert!(matches!(
            &app.screen,
            Screen::Search {
                origin: Some(0),
                ..
            }
        ));
        for c in ["f", "i", "b", "r", "e"] {
            press(&mut app, c);
        }
        assert!(!app.live.results.hits.is_empty());
        let first = app.live.results.hits[0].item;
        press(&mut app, "down");
        press(&mut app, "up");
        press(&mut app, "enter");
        assert!(
            matches!(app.screen, Screen::Reader { item, .. } if item == first)
                || matches!(app.screen, Screen::Outcome { .. })
        );
        press(&mut app, "esc");
        assert!(matches!(&app.screen, Screen::Search { query, .. } if query == "fibre"));
        assert_eq!(app.live.results.hits[0].item, first);
        press(&mut app, "tab");
        assert!(matches!(
            &app.screen,
            Screen::Search {
                scope: SearchScope::Kind(Kind::Guidance),
                ..
            }
        ));
        assert!(
            app.live
                .results
                .hits
                .iter()
                .all(|h| h.item.kind() == Kind::Guidance)
        );
        press(&mut app, "esc");
        assert!(
            matches!(app.screen, Screen::Outcome { outcome: 0, .. }),
            "Esc restores the previous screen"
        );
    }
}

/// Help overlay, palette, typing screens, presets and mouse.
#[cfg(test)]
mod overlay_tests {
    use super::*;
    use crate::tui::testing::{app, press, render, type_text};
    use ratatui::crossterm::event::MouseButton;

    fn help_open(app: &App) -> bool {
        matches!(app.overlay, Some(Overlay::Help(_)))
    }

    #[test]
    fn help_opens_filters_and_runs_the_chosen_action_on_the_screen() {
        let mut app = app("default", Theme::monochrome());
        press(&mut app, &["?"]);
        assert!(help_open(&app));
        // Letters type into the filter instead of triggering `q` quit or `g` top.
        type_text(&mut app, "glossary");
        assert!(help_open(&app));
        assert_eq!(press(&mut app, &["enter"]), Effect::None);
        assert!(app.overlay.is_none());
        assert!(matches!(app.screen, Screen::Glossary { .. }));
    }

    #[test]
    fn help_closes_with_esc_and_toggles_with_f1_and_keeps_the_screen() {
        let mut app = app("default", Theme::monochrome());
        press(&mut app, &["j", "j", "f1"]);
        assert!(help_open(&app));
        press(&mut app, &["down", "esc"]);
        assert!(app.overlay.is_none());
        assert!(matches!(app.screen, Screen::Home { selected: 2, .. }));
        press(&mut app, &["f1", "f1"]);
        assert!(app.overlay.is_none());
        // Redraw and Ctrl-C still work while help is open; help stays open on redraw.
        press(&mut app, &["?"]);
        assert_eq!(press(&mut app, &["ctrl-l"]), Effect::Redraw);
        assert!(help_open(&app));
        assert_eq!(press(&mut app, &["ctrl-c"]), Effect::Quit);
    }

    #[test]
    fn palette_runs_list_actions_and_explains_the_others() {
        let mut app = app("default", Theme::monochrome());
        press(&mut app, &["?"]);
        type_text(&mut app, "last item");
        press(&mut app, &["enter"]);
        let last = app.almanac.outcomes.len() - 1;
        assert!(matches!(app.screen, Screen::Home { selected, .. } if selected == last));
        press(&mut app, &["?"]);
        type_text(&mut app, "answer level 3");
        press(&mut app, &["enter"]);
        let status = app.status.clone().expect("a status message");
        assert!(status.error);
        assert!(status.text.contains("Answer level 3"), "{}", status.text);
    }

    #[test]
    fn typing_screens_type_letters_but_keep_non_text_globals() {
        let mut app = app("default", Theme::monochrome());
        press(&mut app, &["w"]);
        assert!(matches!(app.screen, Screen::Glossary { .. }));
        type_text(&mut app, "q?h");
        assert!(matches!(&app.screen, Screen::Glossary { filter, .. } if filter == "q?h"));
        press(&mut app, &["backspace"]);
        assert!(matches!(&app.screen, Screen::Glossary { filter, .. } if filter == "q?"));
        // Ctrl-H is Backspace on many terminals.
        press(&mut app, &["ctrl-h"]);
        assert!(matches!(&app.screen, Screen::Glossary { filter, .. } if filter == "q"));
        press(&mut app, &["f1"]);
        assert!(help_open(&app));
        press(&mut app, &["esc"]);
        assert!(matches!(app.screen, Screen::Glossary { .. }));
        press(&mut app, &["esc"]);
        assert!(matches!(app.screen, Screen::Home { .. }));
    }

    #[test]
    fn vim_and_emacs_presets_navigate() {
        let mut vim = app("vim", Theme::monochrome());
        press(&mut vim, &["G"]);
        let last = vim.almanac.outcomes.len() - 1;
        assert!(matches!(vim.screen, Screen::Home { selected, .. } if selected == last));
        press(&mut vim, &["g", "g"]);
        assert!(matches!(vim.screen, Screen::Home { selected: 0, .. }));
        press(&mut vim, &["j", "l"]);
        assert!(matches!(vim.screen, Screen::Outcome { outcome: 1, .. }));
        press(&mut vim, &["ctrl-o"]);
        assert!(matches!(vim.screen, Screen::Home { selected: 1, .. }));

        let mut emacs = app("emacs", Theme::monochrome());
        press(&mut emacs, &["ctrl-n", "ctrl-n", "ctrl-p"]);
        assert!(matches!(emacs.screen, Screen::Home { selected: 1, .. }));
        press(&mut emacs, &["ctrl-f"]);
        assert!(matches!(emacs.screen, Screen::Outcome { outcome: 1, .. }));
        press(&mut emacs, &["ctrl-g"]);
        assert!(matches!(emacs.screen, Screen::Home { .. }));
        press(&mut emacs, &["alt-x", "ctrl-n", "ctrl-g"]);
        assert!(emacs.overlay.is_none());
        assert_eq!(press(&mut emacs, &["ctrl-x"]), Effect::None);
        assert_eq!(press(&mut emacs, &["ctrl-q"]), Effect::Quit);
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn mouse_wheel_scrolls_and_click_selects_then_opens() {
        let mut app = app("default", Theme::monochrome());
        render(&app, 80, 24);
        // Row 0 is the breadcrumb line; the list starts on row 1.
        let click = MouseEventKind::Down(MouseButton::Left);
        app.on_mouse(mouse(click, 10, 4));
        assert!(matches!(app.screen, Screen::Home { selected: 3, .. }));
        app.on_mouse(mouse(click, 10, 4));
        assert!(matches!(app.screen, Screen::Outcome { outcome: 3, .. }));
        app.back();
        app.on_mouse(mouse(MouseEventKind::ScrollDown, 10, 4));
        assert!(matches!(app.screen, Screen::Home { selected: 6, .. }));
        app.on_mouse(mouse(MouseEventKind::ScrollUp, 10, 4));
        assert!(matches!(app.screen, Screen::Home { selected: 3, .. }));
        app.navigate(Screen::reader(ItemRef::Outcome(0)));
        app.on_mouse(mouse(MouseEventKind::ScrollDown, 10, 10));
        assert!(matches!(&app.screen, Screen::Reader { text, .. } if text.offset.get() == 3));
        // In help the wheel moves the selection; a click outside the panel closes it.
        press(&mut app, &["?"]);
        render(&app, 80, 24);
        app.on_mouse(mouse(MouseEventKind::ScrollDown, 10, 10));
        assert!(matches!(&app.overlay, Some(Overlay::Help(h)) if h.selected == 3));
        app.on_mouse(mouse(click, 10, 23));
        assert!(app.overlay.is_none());
    }
}
