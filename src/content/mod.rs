//! The almanac's content: schema, loading, validation and lookups. No terminal code.

pub mod diag;
mod document;
pub mod load;
pub mod model;
pub mod text;
mod validate;

use std::collections::HashMap;
use std::path::PathBuf;

pub use diag::Diagnostic;
pub use load::{ContentSet, load};
pub use model::*;

/// The kinds of thing the almanac holds, in the order they are listed to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Outcome,
    Guidance,
    Challenge,
    CaseStudy,
    Question,
    CouncillorQuestion,
    Reading,
    Term,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Outcome,
        Kind::Guidance,
        Kind::Challenge,
        Kind::CaseStudy,
        Kind::Question,
        Kind::CouncillorQuestion,
        Kind::Reading,
        Kind::Term,
    ];

    /// Machine name, as used on the command line (`--kind case-study`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Outcome => "outcome",
            Kind::Guidance => "guidance",
            Kind::Challenge => "challenge",
            Kind::CaseStudy => "case-study",
            Kind::Question => "question",
            Kind::CouncillorQuestion => "councillor-question",
            Kind::Reading => "reading",
            Kind::Term => "term",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Outcome => "Outcome",
            Kind::Guidance => "Guidance",
            Kind::Challenge => "Challenge",
            Kind::CaseStudy => "Case study",
            Kind::Question => "Assessment question",
            Kind::CouncillorQuestion => "Councillor question",
            Kind::Reading => "Reading",
            Kind::Term => "Glossary",
        }
    }

    /// Accepts the machine name and a few natural spellings (`case-studies`, `glossary`).
    pub fn parse(s: &str) -> Option<Kind> {
        let s = s.trim().to_lowercase().replace(['_', ' '], "-");
        let s = s.trim_end_matches('s');
        Some(match s {
            "outcome" | "area" => Kind::Outcome,
            "guidance" => Kind::Guidance,
            "challenge" => Kind::Challenge,
            "case-study" | "case-studie" | "case" => Kind::CaseStudy,
            "question" | "assessment" => Kind::Question,
            "councillor-question" | "councillor" => Kind::CouncillorQuestion,
            "reading" => Kind::Reading,
            "term" | "glossary" => Kind::Term,
            _ => return None,
        })
    }
}

/// A reference to any item in the almanac: outcome index, then index within its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Outcome(usize),
    Guidance(usize, usize),
    Challenge(usize, usize),
    CaseStudy(usize, usize),
    Question(usize, usize),
    CouncillorQuestion(usize, usize),
    Reading(usize, usize),
    Term(usize),
}

impl ItemRef {
    pub fn kind(self) -> Kind {
        match self {
            ItemRef::Outcome(_) => Kind::Outcome,
            ItemRef::Guidance(..) => Kind::Guidance,
            ItemRef::Challenge(..) => Kind::Challenge,
            ItemRef::CaseStudy(..) => Kind::CaseStudy,
            ItemRef::Question(..) => Kind::Question,
            ItemRef::CouncillorQuestion(..) => Kind::CouncillorQuestion,
            ItemRef::Reading(..) => Kind::Reading,
            ItemRef::Term(_) => Kind::Term,
        }
    }

    /// The outcome this item belongs to (none for glossary terms).
    pub fn outcome(self) -> Option<usize> {
        match self {
            ItemRef::Outcome(o)
            | ItemRef::Guidance(o, _)
            | ItemRef::Challenge(o, _)
            | ItemRef::CaseStudy(o, _)
            | ItemRef::Question(o, _)
            | ItemRef::CouncillorQuestion(o, _)
            | ItemRef::Reading(o, _) => Some(o),
            ItemRef::Term(_) => None,
        }
    }
}

/// The loaded, validated almanac.
#[derive(Debug, Clone)]
pub struct Almanac {
    pub meta: Meta,
    /// In framework order (by `number`).
    pub outcomes: Vec<Outcome>,
    /// Sorted A-Z by term.
    pub glossary: Vec<Term>,
    /// Display path of every file that was loaded, indexed by [`Origin::file`].
    pub files: Vec<String>,
    /// Files at or after this index came from overlays (a council's own content).
    pub first_overlay_file: usize,
    ids: HashMap<String, ItemRef>,
}

/// Where content comes from, as chosen on the command line or in the config file.
#[derive(Debug, Clone, Default)]
pub struct ContentOptions {
    /// Replaces the embedded content.
    pub content_dir: Option<PathBuf>,
    /// Add items on top.
    pub overlays: Vec<PathBuf>,
}

impl ContentOptions {
    /// Reads the sets and loads them; every problem is returned.
    pub fn load(&self) -> Result<Almanac, Vec<Diagnostic>> {
        let base = match &self.content_dir {
            Some(dir) => ContentSet::read_dir(dir).map_err(|d| vec![d])?,
            None => ContentSet::embedded(),
        };
        let overlays = self
            .overlays
            .iter()
            .map(|d| ContentSet::read_dir(d))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|d| vec![d])?;
        load(&base, &overlays)
    }
}

impl Almanac {
    /// The bundled content; it is checked by the test suite, so failure here is a build bug.
    pub fn bundled() -> Result<Almanac, Vec<Diagnostic>> {
        load(&ContentSet::embedded(), &[])
    }

    fn assemble(
        meta: Meta,
        outcomes: Vec<Outcome>,
        mut glossary: Vec<Term>,
        files: Vec<String>,
        first_overlay_file: usize,
    ) -> Almanac {
        glossary.sort_by_cached_key(|t| (t.term.to_lowercase(), t.id.clone()));
        let mut almanac = Almanac {
            meta,
            outcomes,
            glossary,
            files,
            first_overlay_file,
            ids: HashMap::new(),
        };
        let mut ids = HashMap::new();
        for r in almanac.all_items() {
            ids.entry(almanac.id(r).to_string()).or_insert(r);
        }
        almanac.ids = ids;
        almanac
    }

    /// Every item, outcomes first then each outcome's sections, glossary last.
    pub fn all_items(&self) -> Vec<ItemRef> {
        let mut out = Vec::new();
        for (o, outcome) in self.outcomes.iter().enumerate() {
            out.push(ItemRef::Outcome(o));
            out.extend((0..outcome.guidance.len()).map(|i| ItemRef::Guidance(o, i)));
            out.extend((0..outcome.challenges.len()).map(|i| ItemRef::Challenge(o, i)));
            out.extend((0..outcome.case_studies.len()).map(|i| ItemRef::CaseStudy(o, i)));
            out.extend((0..outcome.questions.len()).map(|i| ItemRef::Question(o, i)));
            out.extend(
                (0..outcome.councillor_questions.len()).map(|i| ItemRef::CouncillorQuestion(o, i)),
            );
            out.extend((0..outcome.reading.len()).map(|i| ItemRef::Reading(o, i)));
        }
        out.extend((0..self.glossary.len()).map(ItemRef::Term));
        out
    }

    pub fn get(&self, id: &str) -> Option<ItemRef> {
        self.ids.get(id).copied()
    }

    pub fn item_count(&self) -> usize {
        self.ids.len()
    }

    /// The outcome with this number (1-based, as in the framework).
    pub fn outcome_by_number(&self, number: u32) -> Option<usize> {
        self.outcomes.iter().position(|o| o.number == number)
    }

    pub fn id(&self, r: ItemRef) -> &str {
        match r {
            ItemRef::Outcome(o) => &self.outcomes[o].id,
            ItemRef::Guidance(o, i) => &self.outcomes[o].guidance[i].id,
            ItemRef::Challenge(o, i) => &self.outcomes[o].challenges[i].id,
            ItemRef::CaseStudy(o, i) => &self.outcomes[o].case_studies[i].id,
            ItemRef::Question(o, i) => &self.outcomes[o].questions[i].id,
            ItemRef::CouncillorQuestion(o, i) => &self.outcomes[o].councillor_questions[i].id,
            ItemRef::Reading(o, i) => &self.outcomes[o].reading[i].id,
            ItemRef::Term(t) => &self.glossary[t].id,
        }
    }

    /// A one-line title for lists and breadcrumbs.
    pub fn title(&self, r: ItemRef) -> &str {
        match r {
            ItemRef::Outcome(o) => &self.outcomes[o].title,
            ItemRef::Guidance(o, i) => &self.outcomes[o].guidance[i].title,
            ItemRef::Challenge(o, i) => &self.outcomes[o].challenges[i].title,
            ItemRef::CaseStudy(o, i) => &self.outcomes[o].case_studies[i].title,
            ItemRef::Question(o, i) => &self.outcomes[o].questions[i].prompt,
            ItemRef::CouncillorQuestion(o, i) => &self.outcomes[o].councillor_questions[i].text,
            ItemRef::Reading(o, i) => &self.outcomes[o].reading[i].title,
            ItemRef::Term(t) => &self.glossary[t].term,
        }
    }

    /// Ids this item links to (`related`, `see_also`), in file order.
    pub fn links(&self, r: ItemRef) -> &[String] {
        match r {
            ItemRef::Outcome(o) => &self.outcomes[o].related,
            ItemRef::Guidance(o, i) => &self.outcomes[o].guidance[i].related,
            ItemRef::Challenge(o, i) => &self.outcomes[o].challenges[i].related,
            ItemRef::CaseStudy(o, i) => &self.outcomes[o].case_studies[i].related,
            ItemRef::Term(t) => &self.glossary[t].see_also,
            _ => &[],
        }
    }

    /// Resolved links of an item; validation guarantees every id resolves.
    pub fn link_refs(&self, r: ItemRef) -> Vec<ItemRef> {
        self.links(r).iter().filter_map(|id| self.get(id)).collect()
    }

    pub fn origin(&self, r: ItemRef) -> Origin {
        match r {
            ItemRef::Outcome(o) => self.outcomes[o].origin,
            ItemRef::Guidance(o, i) => self.outcomes[o].guidance[i].origin,
            ItemRef::Challenge(o, i) => self.outcomes[o].challenges[i].origin,
            ItemRef::CaseStudy(o, i) => self.outcomes[o].case_studies[i].origin,
            ItemRef::Question(o, i) => self.outcomes[o].questions[i].origin,
            ItemRef::CouncillorQuestion(o, i) => self.outcomes[o].councillor_questions[i].origin,
            ItemRef::Reading(o, i) => self.outcomes[o].reading[i].origin,
            ItemRef::Term(t) => self.glossary[t].origin,
        }
    }

    /// True for items added by an overlay (a council's own content).
    pub fn is_local(&self, r: ItemRef) -> bool {
        self.origin(r).file >= self.first_overlay_file
    }

    /// Number of items of each section kind in an outcome, for `almanac list`.
    pub fn section_counts(&self, o: usize) -> [(Kind, usize); 6] {
        let x = &self.outcomes[o];
        [
            (Kind::Guidance, x.guidance.len()),
            (Kind::Challenge, x.challenges.len()),
            (Kind::CaseStudy, x.case_studies.len()),
            (Kind::Question, x.questions.len()),
            (Kind::CouncillorQuestion, x.councillor_questions.len()),
            (Kind::Reading, x.reading.len()),
        ]
    }
}
