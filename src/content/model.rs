//! The almanac's content as typed data. These structs are both the TOML file format
//! (deserialised with `deny_unknown_fields`, so a typo is an error, not a silent loss)
//! and the in-memory model every other module reads.

use serde::{Deserialize, Serialize};

/// Where an item came from: the index of its file in the loaded set and its position
/// in that file's array. Used to point diagnostics at `file:line:column`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    pub index: usize,
}

/// `content/almanac.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub edition: u16,
    pub version: String,
    /// Markdown shown on the about screen: what the almanac is and is not.
    #[serde(default)]
    pub about: String,
    /// The self-assessment scale: exactly five levels, lowest first. Our own wording.
    pub scale: Vec<ScaleLevel>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub name: String,
    pub description: String,
}

/// One of the strategic outcome areas, `content/outcomes/NN-slug.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub summary: String,
    pub overview: String,
    pub why_it_matters: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub guidance: Vec<Guidance>,
    #[serde(default)]
    pub challenges: Vec<Challenge>,
    #[serde(default)]
    pub case_studies: Vec<CaseStudy>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub councillor_questions: Vec<CouncillorQuestion>,
    #[serde(default)]
    pub reading: Vec<Reading>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Technical,
    Leadership,
    Councillors,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Technical => "technical",
            Audience::Leadership => "leadership",
            Audience::Councillors => "councillors",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    Low,
    Medium,
    High,
}

impl Effort {
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Low => "low",
            Effort::Medium => "medium",
            Effort::High => "high",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub id: String,
    pub title: String,
    pub audience: Vec<Audience>,
    pub effort: Effort,
    pub body: String,
    /// Ids of outcomes or items worth reading next.
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub id: String,
    pub title: String,
    pub body: String,
    pub mitigations: Vec<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseKind {
    /// Real organisation, facts taken from the cited sources.
    Documented,
    /// A composite written to teach; never presented as a real council.
    Illustrative,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStudy {
    pub id: String,
    pub title: String,
    pub organisation: String,
    pub year: u16,
    pub kind: CaseKind,
    pub body: String,
    pub results: String,
    pub lessons: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourceLink>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLink {
    pub title: String,
    pub url: String,
}

/// A self-assessment question: exactly five level descriptors, lowest first.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: String,
    /// Part of the quick assessment.
    #[serde(default)]
    pub core: bool,
    pub levels: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CouncillorQuestion {
    pub id: String,
    pub text: String,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub definition: String,
    #[serde(default)]
    pub see_also: Vec<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// `content/glossary.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFile {
    #[serde(default)]
    pub term: Vec<Term>,
}

/// A file in an overlay folder: items added to one outcome, glossary terms, or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayFile {
    /// The outcome the items belong to; required when the file has any items.
    pub outcome: Option<String>,
    #[serde(default)]
    pub guidance: Vec<Guidance>,
    #[serde(default)]
    pub challenges: Vec<Challenge>,
    #[serde(default)]
    pub case_studies: Vec<CaseStudy>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub councillor_questions: Vec<CouncillorQuestion>,
    #[serde(default)]
    pub reading: Vec<Reading>,
    #[serde(default)]
    pub term: Vec<Term>,
}

impl OverlayFile {
    pub fn has_items(&self) -> bool {
        !(self.guidance.is_empty()
            && self.challenges.is_empty()
            && self.case_studies.is_empty()
            && self.questions.is_empty()
            && self.councillor_questions.is_empty()
            && self.reading.is_empty())
    }
}
