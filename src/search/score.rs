//! Scoring one item against a prepared query.
//!
//! Per term, every field is tried: a substring hit scores most, more at the start of a
//! word, more again for a whole word and at the start of the field; a fuzzy hit (short
//! fields only) scores by how tight it is; a corrected typo scores below an exact word.
//! Each hit is scaled by its field's weight, so a title hit beats a body hit. A term
//! counts its best field plus a fifth of the others; terms add up, and the query as a
//! phrase earns a bonus.

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::content::Kind;

use super::fold::{boundaries, is_word_char};
use super::index::{Doc, Field};
use super::typo::Correction;

/// A query term ready to be matched.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub text: String,
    pub exact: bool,
    pub chars: usize,
    /// Words of the index within the term's typo allowance, by word id.
    pub corrections: Vec<Correction>,
}

/// The whole query ready to be matched.
#[derive(Debug)]
pub(crate) struct Plan {
    pub terms: Vec<Prepared>,
    pub excludes: Vec<String>,
    pub kind: Option<Kind>,
    /// `Some(None)` means an outcome was asked for that does not exist: nothing matches.
    pub outcome: Option<Option<usize>>,
    /// The terms joined, when there are two or more fuzzy ones.
    pub phrase: Option<String>,
}

/// How one term fared against one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Eval {
    /// Not even a loose match: the item can never match a longer query either.
    Miss,
    /// Only a loose fuzzy match, too scattered to show; kept as a candidate because a
    /// longer query may turn it into a real match.
    Weak,
    Hit {
        score: i32,
        field: Field,
        /// The best field to quote in a snippet: the best hit outside the title and id,
        /// else the id.
        quote: Field,
    },
}

/// Substring hit scores before field weighting.
const SUBSTRING: i32 = 100;
const WORD_START: i32 = 30;
const WHOLE_WORD: i32 = 30;
const FIELD_START: i32 = 20;
/// Each extra occurrence in a long field, up to three.
const REPEAT: i32 = 5;
/// A corrected word, minus this much per edit.
const TYPO_WHOLE: i32 = 140;
const TYPO_PREFIX: i32 = 110;
const TYPO_EDIT: i32 = 30;
/// A fuzzy hit scores `FUZZY_SCALE` times its skim score per pattern character, at
/// most `FUZZY_MAX`: below any substring hit in the same field.
const FUZZY_SCALE: i32 = 3;
const FUZZY_MAX: i32 = 80;
/// The whole query found as a phrase.
const PHRASE_TITLE: i32 = 60;
const PHRASE_SHORT: i32 = 40;
const PHRASE_LONG: i32 = 30;

fn weighted(score: i32, field: Field) -> i32 {
    score * field.weight() / 100
}

/// The best substring score of `term` in `folded`, with the number of occurrences.
pub(crate) fn substring(folded: &str, term: &str) -> Option<(i32, usize)> {
    let mut best = None;
    let mut count = 0;
    for (pos, _) in folded.match_indices(term) {
        count += 1;
        let (starts, ends) = boundaries(folded, pos, pos + term.len());
        let mut s = SUBSTRING;
        if starts {
            s += WORD_START;
            if ends {
                s += WHOLE_WORD;
            }
        }
        if pos == 0 {
            s += FIELD_START;
        }
        best = best.max(Some(s));
        if count >= 4 && best >= Some(SUBSTRING + WORD_START + WHOLE_WORD) {
            break;
        }
        if count >= 16 {
            break;
        }
    }
    best.map(|b| (b, count))
}

fn substring_field(folded: &str, term: &str, field: Field) -> Option<i32> {
    let (s, count) = substring(folded, term)?;
    let repeat = if field.is_short() {
        0
    } else {
        REPEAT * (count.min(4) as i32 - 1)
    };
    Some(weighted(s + repeat, field))
}

/// The outcome of fuzzy matching a term against a short field.
pub(crate) enum Fuzzy {
    /// The term's letters are not all there, in order.
    None,
    /// They are, but strewn inside words ("siro" in "security-it-problem"): kept as a
    /// candidate only.
    Weak,
    /// Skim's score and the matched character positions.
    Good(i64, Vec<usize>),
}

/// Fuzzy matching that people recognise: word beginnings run together, as in
/// "sec-off" for "security-offline-backups" or "diginc" for "digital inclusion". Each
/// run of matched characters must start a word, and runs must average three
/// characters, so "case" does not match "council and sell".
pub(crate) fn fuzzy(matcher: &SkimMatcherV2, folded: &str, term: &str) -> Fuzzy {
    let max_runs = (term.chars().count() / 3).max(1);
    match matcher.fuzzy(folded, term, true) {
        None => Fuzzy::None,
        Some((score, positions)) if runs_start_words(folded, &positions, max_runs) => {
            Fuzzy::Good(score, positions)
        }
        Some(_) => Fuzzy::Weak,
    }
}

/// True when `positions` (char indices) form at most `max_runs` runs of consecutive
/// characters, each beginning a word or with a separator.
fn runs_start_words(folded: &str, positions: &[usize], max_runs: usize) -> bool {
    let runs = 1 + positions.windows(2).filter(|w| w[0] + 1 != w[1]).count();
    if runs > max_runs {
        return false;
    }
    let mut prev: Option<char> = None;
    let mut next = 0;
    for (i, c) in folded.chars().enumerate() {
        if next == positions.len() {
            break;
        }
        if positions[next] == i {
            let continues = next > 0 && positions[next - 1] + 1 == i;
            if !continues && is_word_char(c) && prev.is_some_and(is_word_char) {
                return false;
            }
            next += 1;
        }
        prev = Some(c);
    }
    next == positions.len()
}

/// Evaluates one term against one item.
pub(crate) fn eval_term(doc: &Doc, t: &Prepared, matcher: &SkimMatcherV2) -> Eval {
    // Scores of each field, best kept; fields are few, so a small array will do.
    let mut scores: [i32; 8] = [0; 8];
    let mut best: Option<(i32, Field)> = None;
    let mut direct = false;
    let mut weak = false;
    let mut note = |i: usize, s: i32, f: Field, best: &mut Option<(i32, Field)>| {
        scores[i] = scores[i].max(s);
        if best.is_none_or(|(b, _)| s > b) {
            *best = Some((s, f));
        }
    };
    for (i, f) in doc.fields.iter().enumerate() {
        if let Some(s) = substring_field(&f.folded, &t.text, f.field) {
            direct = true;
            note(i, s, f.field, &mut best);
            continue;
        }
        if t.exact || !f.field.is_short() || t.chars < 2 {
            continue;
        }
        match fuzzy(matcher, &f.folded, &t.text) {
            Fuzzy::Good(raw, _) => {
                let s = (raw as i32 / t.chars as i32 * FUZZY_SCALE).min(FUZZY_MAX);
                note(i, weighted(s, f.field), f.field, &mut best);
            }
            Fuzzy::Weak => weak = true,
            Fuzzy::None => {}
        }
    }
    if !direct && !t.corrections.is_empty() {
        for (i, f) in doc.fields.iter().enumerate() {
            let found = t
                .corrections
                .iter()
                .filter(|c| f.words.binary_search(&c.word).is_ok())
                .map(|c| {
                    let base = if c.whole { TYPO_WHOLE } else { TYPO_PREFIX };
                    base - TYPO_EDIT * c.distance as i32
                })
                .max();
            if let Some(s) = found {
                note(i, weighted(s, f.field), f.field, &mut best);
            }
        }
    }
    match best {
        Some((top, field)) => {
            let others: i32 = scores.iter().sum::<i32>() - top;
            let quote = (0..doc.fields.len())
                .filter(|&i| {
                    scores[i] > 0 && !matches!(doc.fields[i].field, Field::Title | Field::Id)
                })
                .max_by_key(|&i| (scores[i], std::cmp::Reverse(i)))
                .map_or(Field::Id, |i| doc.fields[i].field);
            Eval::Hit {
                score: top + others / 5,
                field,
                quote,
            }
        }
        None if weak => Eval::Weak,
        None => Eval::Miss,
    }
}

/// Whether the item is in scope and free of excluded text.
pub(crate) fn admits(doc: &Doc, plan: &Plan) -> bool {
    if plan.kind.is_some_and(|k| k != doc.kind) {
        return false;
    }
    if let Some(o) = plan.outcome
        && (o.is_none() || doc.outcome != o)
    {
        return false;
    }
    !plan
        .excludes
        .iter()
        .any(|x| doc.fields.iter().any(|f| f.folded.contains(x.as_str())))
}

/// The scored match of one item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub doc: u32,
    pub score: i32,
    /// Field of the strongest term's best hit.
    pub field: Field,
    /// Field a snippet is cut from, and the term it centres on: the first term whose
    /// best hit is not in the title.
    pub snippet: Option<(Field, u32)>,
}

/// `None` when the item cannot match this query or any longer one; `Some(None)` when it
/// is a candidate that does not match yet; `Some(Some(..))` when it matches.
pub(crate) fn score_doc(
    doc: &Doc,
    index: u32,
    plan: &Plan,
    matcher: &SkimMatcherV2,
) -> Option<Option<Scored>> {
    if !admits(doc, plan) {
        return None;
    }
    let mut total = 0;
    let mut all_hit = true;
    let mut strongest: Option<(i32, Field)> = None;
    let mut snippet = None;
    for (i, t) in plan.terms.iter().enumerate() {
        match eval_term(doc, t, matcher) {
            Eval::Miss => return None,
            Eval::Weak => all_hit = false,
            Eval::Hit {
                score,
                field,
                quote,
            } => {
                total += score;
                if strongest.is_none_or(|(s, _)| score > s) {
                    strongest = Some((score, field));
                }
                if snippet.is_none() && field != Field::Title {
                    snippet = Some((quote, i as u32));
                }
            }
        }
    }
    if !all_hit {
        return Some(None);
    }
    if let Some(phrase) = &plan.phrase {
        let bonus = doc
            .fields
            .iter()
            .filter(|f| f.folded.contains(phrase.as_str()))
            .map(|f| match f.field {
                Field::Title => PHRASE_TITLE,
                f if f.is_short() => PHRASE_SHORT,
                _ => PHRASE_LONG,
            })
            .max()
            .unwrap_or(0);
        total += bonus;
    }
    Some(Some(Scored {
        doc: index,
        score: total,
        field: strongest.map_or(Field::Title, |(_, f)| f),
        snippet,
    }))
}
