//! The search query language, shared by the overlay and `almanac search`:
//!
//! - `word word`: every term must match (fuzzy on titles, tags, ids and headings; words
//!   and substrings in bodies; a typo or two in long words is forgiven);
//! - `'term`: the exact text must occur somewhere (no fuzzy matching, no typos);
//! - `!term`: leave out items that contain the text;
//! - `@kind`: only items of one kind (`@guidance`, `@case`, `@glossary`...);
//! - `#N` or `#id`: only items of one outcome (`#10`, `#security`).

use crate::content::Kind;

use super::fold::fold;

/// One positive term, already folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// `'term`: substring only, no fuzzy or typo matching.
    pub exact: bool,
}

/// An outcome named in a query or set by the caller: by framework number or by id
/// (a unique prefix of an id is accepted, so `#sec` works while typing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeFilter {
    Number(u32),
    Id(String),
}

/// Restricts a search to one kind and/or one outcome. The overlay sets it directly;
/// `@kind` and `#outcome` in the query text override it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub kind: Option<Kind>,
    pub outcome: Option<OutcomeFilter>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The text as typed.
    pub raw: String,
    /// Positive terms in the order typed.
    pub terms: Vec<Term>,
    /// `!term`s, folded.
    pub excludes: Vec<String>,
    pub scope: Scope,
    /// Scope tokens that name no kind; the query then matches nothing, and the message
    /// says why.
    pub problems: Vec<String>,
}

/// Spellings accepted after `@`, beyond what [`Kind::parse`] knows, for prefixes typed
/// one letter at a time (`@gui`, `@coun`).
const KIND_WORDS: [(&str, Kind); 11] = [
    ("outcome", Kind::Outcome),
    ("guidance", Kind::Guidance),
    ("challenge", Kind::Challenge),
    ("case-study", Kind::CaseStudy),
    ("case-studies", Kind::CaseStudy),
    ("question", Kind::Question),
    ("assessment", Kind::Question),
    ("councillor-question", Kind::CouncillorQuestion),
    ("reading", Kind::Reading),
    ("term", Kind::Term),
    ("glossary", Kind::Term),
];

/// The kind named by `word`: a spelling [`Kind::parse`] accepts or an unambiguous prefix.
fn parse_kind(word: &str) -> Result<Kind, String> {
    if let Some(k) = Kind::parse(word) {
        return Ok(k);
    }
    let w = word.to_lowercase();
    let mut found: Vec<Kind> = KIND_WORDS
        .iter()
        .filter(|(name, _)| name.starts_with(&w))
        .map(|&(_, k)| k)
        .collect();
    found.dedup();
    match found.as_slice() {
        [k] => Ok(*k),
        [] => Err(format!("unknown kind `@{word}` ({})", kind_names())),
        many => Err(format!(
            "`@{word}` could be {}",
            many.iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

/// The kind names, for messages.
pub fn kind_names() -> String {
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    format!("one of {}", names.join(", "))
}

impl Query {
    /// Parses query text. Never fails: an incomplete token (`@`, `!`) is ignored and an
    /// unknown kind is recorded in [`Query::problems`].
    pub fn parse(text: &str) -> Query {
        let mut q = Query {
            raw: text.to_string(),
            ..Query::default()
        };
        for token in text.split_whitespace() {
            if let Some(rest) = token.strip_prefix('@') {
                if rest.is_empty() {
                    continue;
                }
                match parse_kind(rest) {
                    Ok(k) => q.scope.kind = Some(k),
                    Err(msg) => q.problems.push(msg),
                }
            } else if let Some(rest) = token.strip_prefix('#') {
                if rest.is_empty() {
                    continue;
                }
                q.scope.outcome = Some(match rest.parse::<u32>() {
                    Ok(n) => OutcomeFilter::Number(n),
                    Err(_) => OutcomeFilter::Id(rest.to_lowercase()),
                });
            } else if let Some(rest) = token.strip_prefix('!') {
                let t = fold(rest);
                if !t.is_empty() {
                    q.excludes.push(t);
                }
            } else if let Some(rest) = token.strip_prefix('\'') {
                let t = fold(rest.strip_suffix('\'').unwrap_or(rest));
                if !t.is_empty() {
                    q.terms.push(Term {
                        text: t,
                        exact: true,
                    });
                }
            } else {
                let t = fold(token);
                if !t.is_empty() {
                    q.terms.push(Term {
                        text: t,
                        exact: false,
                    });
                }
            }
        }
        q
    }

    /// The query with `scope` as its base: scope tokens in the text still win.
    pub fn with_scope(mut self, scope: &Scope) -> Query {
        if self.scope.kind.is_none() {
            self.scope.kind = scope.kind;
        }
        if self.scope.outcome.is_none() {
            self.scope.outcome = scope.outcome.clone();
        }
        self
    }

    /// True when nothing restricts the results: every item in scope matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.excludes.is_empty()
    }

    /// True when every item matching `self` must also have matched `prev`, so only
    /// `prev`'s candidates need scoring again: same scope and exclusions, the same
    /// terms with the last one grown and/or more terms added. A term that grows past a
    /// length where more typos are forgiven, or where fuzzy matching starts, does not
    /// count, as it can match more.
    pub fn narrows(&self, prev: &Query) -> bool {
        if self.scope != prev.scope
            || self.excludes != prev.excludes
            || self.problems != prev.problems
        {
            return false;
        }
        let n = prev.terms.len();
        if self.terms.len() < n {
            return false;
        }
        for (i, (new, old)) in self.terms.iter().zip(&prev.terms).enumerate() {
            if new == old {
                continue;
            }
            let grown = i + 1 == n
                && new.exact == old.exact
                && new.text.starts_with(&old.text)
                && (new.exact
                    || (typo_allowance(&new.text) == typo_allowance(&old.text)
                        && fuzzy_allowed(&new.text) == fuzzy_allowed(&old.text)));
            if !grown {
                return false;
            }
        }
        true
    }
}

/// Typos forgiven in a term: none in short words, where a typo is another word.
pub fn typo_allowance(term: &str) -> usize {
    match term.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether a term is fuzzy-matched against short fields: from six characters, where it
/// can split into two word beginnings of three ("digin" is too short to mean anything
/// but a prefix).
pub fn fuzzy_allowed(term: &str) -> bool {
    (6..=64).contains(&term.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fuzzy(t: &str) -> Term {
        Term {
            text: t.into(),
            exact: false,
        }
    }

    #[test]
    fn parses_terms_exact_excludes_and_scopes() {
        let q = Query::parse("  Résumé 'SIRO !draft @guidance #10 ");
        assert_eq!(
            q.terms,
            vec![
                fuzzy("resume"),
                Term {
                    text: "siro".into(),
                    exact: true
                }
            ]
        );
        assert_eq!(q.excludes, vec!["draft"]);
        assert_eq!(q.scope.kind, Some(Kind::Guidance));
        assert_eq!(q.scope.outcome, Some(OutcomeFilter::Number(10)));
        assert!(q.problems.is_empty());
    }

    #[test]
    fn kind_spellings_and_prefixes() {
        for (text, kind) in [
            ("@case-studies", Kind::CaseStudy),
            ("@case", Kind::CaseStudy),
            ("@challenges", Kind::Challenge),
            ("@questions", Kind::Question),
            ("@councillor", Kind::CouncillorQuestion),
            ("@glossary", Kind::Term),
            ("@term", Kind::Term),
            ("@outcome", Kind::Outcome),
            ("@reading", Kind::Reading),
            ("@gui", Kind::Guidance),
            ("@coun", Kind::CouncillorQuestion),
            ("@GUIDANCE", Kind::Guidance),
        ] {
            assert_eq!(Query::parse(text).scope.kind, Some(kind), "{text}");
        }
        let q = Query::parse("@c backups");
        assert_eq!(q.scope.kind, None);
        assert_eq!(q.problems.len(), 1);
        assert!(q.problems[0].contains("challenge"), "{:?}", q.problems);
        assert!(Query::parse("@zzz").problems[0].contains("unknown kind"));
    }

    #[test]
    fn incomplete_tokens_are_ignored() {
        let q = Query::parse("@ # ! '");
        assert!(q.is_empty());
        assert_eq!(q.scope, Scope::default());
        assert!(q.problems.is_empty());
    }

    #[test]
    fn outcome_by_id() {
        let q = Query::parse("#Security");
        assert_eq!(q.scope.outcome, Some(OutcomeFilter::Id("security".into())));
    }

    #[test]
    fn caller_scope_is_a_base_the_text_overrides() {
        let base = Scope {
            kind: Some(Kind::Challenge),
            outcome: Some(OutcomeFilter::Number(2)),
        };
        let q = Query::parse("data @guidance").with_scope(&base);
        assert_eq!(q.scope.kind, Some(Kind::Guidance));
        assert_eq!(q.scope.outcome, Some(OutcomeFilter::Number(2)));
    }

    #[test]
    fn narrowing() {
        let p = |s: &str| Query::parse(s);
        assert!(p("ran").narrows(&p("ra")));
        assert!(p("data sh").narrows(&p("data s")));
        assert!(p("data s").narrows(&p("data")));
        assert!(p("data ").narrows(&p("data")));
        assert!(p("x").narrows(&p("")));
        // Typing past four letters allows a typo, so the word can match more.
        assert!(!p("ranso").narrows(&p("rans")));
        assert!(
            !p("ransom").narrows(&p("ranso")),
            "fuzzy matching starts at six"
        );
        assert!(p("ransomw").narrows(&p("ransom")));
        assert!(!p("ra").narrows(&p("ran")));
        assert!(!p("data x").narrows(&p("dota")));
        assert!(!p("sharing data").narrows(&p("data")));
        assert!(!p("data !x").narrows(&p("data")));
        assert!(!p("data @guidance").narrows(&p("data")));
        assert!(!p("'dat").narrows(&p("dat")));
        assert!(p("'data").narrows(&p("'dat")));
    }
}
