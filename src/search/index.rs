//! Building the index: every item of the almanac as a few plain-text fields, folded once.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::{Almanac, ItemRef, Kind};

use super::fold::{char_mask, fold, run_starts};
use super::vocab::Vocab;

/// The part of an item a term matched. Short fields (everything but summary and body)
/// are also fuzzy-matched; a hit in an earlier field counts for more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The title, glossary term, question prompt or councillor question.
    Title,
    /// An outcome's tags.
    Tags,
    /// A case study's organisation or a reading item's publisher.
    Source,
    /// Headings inside the body that are particular to this item.
    Headings,
    /// The item's id (`security-offline-backups`).
    Id,
    /// An outcome's one-line summary.
    Summary,
    /// The body text, Markdown removed.
    Body,
}

/// Number of kinds of field: an item has at most one of each.
pub(crate) const FIELDS: usize = Field::ALL.len();

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Tags,
        Field::Source,
        Field::Headings,
        Field::Id,
        Field::Summary,
        Field::Body,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Tags => "tags",
            Field::Source => "source",
            Field::Headings => "headings",
            Field::Id => "id",
            Field::Summary => "summary",
            Field::Body => "body",
        }
    }

    /// Short fields are fuzzy-matched; long ones only by words and substrings, since
    /// fuzzy matching a long text matches almost anything.
    pub fn is_short(self) -> bool {
        !matches!(self, Field::Summary | Field::Body)
    }

    /// Percent of a hit's score that counts, so a title hit beats a body hit.
    pub(crate) fn weight(self) -> i32 {
        match self {
            Field::Title => 100,
            Field::Tags => 75,
            Field::Source => 70,
            Field::Headings => 60,
            Field::Id => 50,
            Field::Summary => 45,
            Field::Body => 35,
        }
    }
}

/// One field of one item.
#[derive(Debug)]
pub(crate) struct FieldText {
    pub field: Field,
    /// As written, Markdown removed; snippets are cut from it.
    pub text: String,
    pub folded: String,
    /// Sorted distinct word ids, for typo matching.
    pub words: Vec<u32>,
}

/// One searchable item.
#[derive(Debug)]
pub(crate) struct Doc {
    pub item: ItemRef,
    pub kind: Kind,
    pub outcome: Option<usize>,
    pub fields: Vec<FieldText>,
    /// [`char_mask`] and [`run_starts`] of the short fields together: quick noes for
    /// fuzzy matching.
    pub short_mask: u64,
    pub run_starts: u128,
}

impl Doc {
    pub fn field(&self, f: Field) -> Option<&FieldText> {
        self.fields.iter().find(|x| x.field == f)
    }
}

/// Plain text and headings of a Markdown text.
#[derive(Default)]
struct Plain {
    text: String,
    headings: Vec<String>,
}

impl Plain {
    fn add(&mut self, markdown: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let mut heading: Option<String> = None;
        for event in Parser::new(markdown) {
            match event {
                Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading.take() {
                        self.headings.push(h.trim().to_string());
                    }
                    self.text.push('\n');
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(h) = heading.as_mut() {
                        h.push_str(&t);
                    }
                    self.text.push_str(&t);
                }
                Event::SoftBreak | Event::HardBreak => self.text.push(' '),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Item
                    | TagEnd::CodeBlock
                    | TagEnd::BlockQuote(_)
                    | TagEnd::TableRow,
                ) => self.text.push('\n'),
                Event::End(TagEnd::TableCell) => self.text.push(' '),
                _ => {}
            }
        }
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
    }

    fn add_list(&mut self, items: &[String]) {
        for item in items {
            self.add(item);
        }
    }
}

/// Raw fields of one item, before folding.
struct Raw {
    fields: Vec<(Field, String)>,
    headings: Vec<String>,
}

fn raw_fields(a: &Almanac, r: ItemRef) -> Raw {
    let mut fields = vec![
        (Field::Title, a.title(r).to_string()),
        (Field::Id, a.id(r).to_string()),
    ];
    let mut body = Plain::default();
    match r {
        ItemRef::Outcome(o) => {
            let x = &a.outcomes[o];
            fields.push((Field::Tags, x.tags.join(", ")));
            fields.push((Field::Summary, x.summary.clone()));
            body.add(&x.overview);
            body.add(&x.why_it_matters);
        }
        ItemRef::Guidance(o, i) => body.add(&a.outcomes[o].guidance[i].body),
        ItemRef::Challenge(o, i) => {
            let c = &a.outcomes[o].challenges[i];
            body.add(&c.body);
            body.add_list(&c.mitigations);
        }
        ItemRef::CaseStudy(o, i) => {
            let c = &a.outcomes[o].case_studies[i];
            fields.push((Field::Source, c.organisation.clone()));
            body.add(&c.body);
            body.add(&c.results);
            body.add_list(&c.lessons);
        }
        ItemRef::Question(o, i) => {
            let q = &a.outcomes[o].questions[i];
            body.add(&q.help);
            body.add_list(&q.levels);
        }
        ItemRef::CouncillorQuestion(..) => {}
        ItemRef::Reading(o, i) => {
            fields.push((Field::Source, a.outcomes[o].reading[i].publisher.clone()))
        }
        ItemRef::Term(t) => body.add(&a.glossary[t].definition),
    }
    if !body.text.is_empty() {
        fields.push((Field::Body, body.text));
    }
    Raw {
        fields,
        headings: body.headings,
    }
}

/// Headings shared by this many items ("Steps", "First 90 days") are structure, not topic.
const COMMON_HEADING: usize = 3;

/// Turns every item into a [`Doc`], filling the vocabulary and its postings.
pub(crate) fn build(a: &Almanac, vocab: &mut Vocab) -> Vec<Doc> {
    let items = a.all_items();
    let raws: Vec<Raw> = items.iter().map(|&r| raw_fields(a, r)).collect();
    let mut heading_counts: HashMap<String, usize> = HashMap::new();
    for raw in &raws {
        let mut seen: Vec<String> = raw.headings.iter().map(|h| fold(h)).collect();
        seen.sort();
        seen.dedup();
        for h in seen {
            *heading_counts.entry(h).or_default() += 1;
        }
    }
    let docs: Vec<Doc> = items
        .into_iter()
        .zip(raws)
        .enumerate()
        .map(|(d, (item, raw))| {
            let mut fields: Vec<(Field, String)> = raw.fields;
            let own: Vec<&str> = raw
                .headings
                .iter()
                .filter(|h| {
                    !h.is_empty()
                        && heading_counts.get(&fold(h)).copied().unwrap_or(0) < COMMON_HEADING
                })
                .map(String::as_str)
                .collect();
            if !own.is_empty() {
                fields.push((Field::Headings, own.join(" · ")));
            }
            fields.sort_by_key(|(f, _)| *f);
            debug_assert!(
                fields.windows(2).all(|w| w[0].0 != w[1].0),
                "one field of each kind"
            );
            let fields: Vec<FieldText> = fields
                .into_iter()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(field, text)| {
                    let folded = fold(&text);
                    let words = vocab.words_of(&folded);
                    vocab.add_doc(d as u32, &words);
                    FieldText {
                        field,
                        text,
                        folded,
                        words,
                    }
                })
                .collect();
            let short = || fields.iter().filter(|f| f.field.is_short());
            let short_mask = short().fold(0, |m, f| m | char_mask(&f.folded));
            let run_starts = short().fold(0, |m, f| m | run_starts(&f.folded));
            Doc {
                item,
                kind: item.kind(),
                outcome: item.outcome(),
                fields,
                short_mask,
                run_starts,
            }
        })
        .collect();
    vocab.finish();
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_stripped_and_headings_collected() {
        let mut p = Plain::default();
        p.add("Intro with **bold** and a [link](https://example.org).\n\n### Steps\n\n1. **Rank** things\n2. `code` here\n");
        assert_eq!(
            p.text,
            "Intro with bold and a link.\nSteps\nRank things\ncode here"
        );
        assert_eq!(p.headings, vec!["Steps"]);
        assert!(!p.text.contains("https"));
    }
}
