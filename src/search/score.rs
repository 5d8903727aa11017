//! Scoring one item against a prepared query.
//!
//! Per term, every field is tried: a substring hit scores most, more at the start of a
//! word, more again for a whole word and at the start of the field; a fuzzy hit (short
//! fields only) scores by how tight it is; a corrected typo scores below an exact word.
//! Each hit is scaled by its field's weight, so a title hit beats a body hit. A term
//! counts its best field plus a fifth of the others; terms add up, and the query as a
//! phrase earns a bonus.

use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use crate::content::Kind;

use super::fold::{boundaries, opens_run};
use super::index::{Doc, FIELDS, Field};
use super::vocab::{Correction, DocSet};

/// A query term ready to be matched.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub text: String,
    /// Finds `text` fast (SIMD) in every field of every item.
    pub finder: Finder<'static>,
    pub chars: usize,
    /// Whether short fields are fuzzy-matched: only for terms long enough to split
    /// into two runs (see [`fuzzy`]).
    pub fuzzy: bool,
    /// [`char_mask`](super::fold::char_mask) of the term, and
    /// [`run_start_bit`](super::fold::run_start_bit) of its opening.
    pub mask: u64,
    pub start: u128,
    /// Items that can hold the term as written, when worked out in advance.
    pub direct: Option<DocSet>,
    /// Items that hold a correction of the term, when worked out in advance.
    pub typo: Option<DocSet>,
    /// Words of the index within the term's typo allowance, by word id.
    pub corrections: Vec<Correction>,
}

/// The whole query ready to be matched.
#[derive(Debug)]
pub(crate) struct Plan {
    pub terms: Vec<Prepared>,
    pub excludes: Vec<Finder<'static>>,
    pub kind: Option<Kind>,
    /// `Some(None)` means an outcome was asked for that does not exist: nothing matches.
    pub outcome: Option<Option<usize>>,
    /// The terms joined, when there are two or more fuzzy ones.
    pub phrase: Option<Finder<'static>>,
}

/// How one term fared against one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Eval {
    /// Not even a loose match: the item can never match a longer query either.
    Miss,
    /// Only a fuzzy match in too many pieces to show; kept as a candidate because a
    /// longer term may turn it into a real match.
    Weak,
    Hit {
        score: i32,
        field: Field,
        /// The best field to quote in a snippet: the best hit outside the title and id,
        /// else the id.
        quote: Field,
        /// Found only by forgiving a typo or by fuzzy matching.
        loose: bool,
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

/// The best substring score of a term (found by `finder`) in `folded`, with the
/// number of occurrences looked at: `enough`, more (up to four times as many) only
/// while no occurrence starts a word.
pub(crate) fn substring(folded: &str, finder: &Finder<'_>, enough: usize) -> Option<(i32, usize)> {
    let mut best = None;
    let mut count = 0;
    let len = finder.needle().len();
    for pos in finder.find_iter(folded.as_bytes()) {
        count += 1;
        let (starts, ends) = boundaries(folded, pos, pos + len);
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
        if count >= enough
            && (best >= Some(SUBSTRING + WORD_START) || count >= enough.saturating_mul(4))
        {
            break;
        }
    }
    best.map(|b| (b, count))
}

fn substring_field(folded: &str, finder: &Finder<'_>, field: Field) -> Option<i32> {
    // Titles are short: every occurrence is looked at for the best one. In a long
    // text a whole word is looked for among the first few, which also count repeats.
    let (s, count) = if field.is_short() {
        (substring(folded, finder, usize::MAX)?.0, 1)
    } else {
        substring(folded, finder, 4)?
    };
    let repeat = REPEAT * (count.min(4) as i32 - 1);
    Some(weighted(s + repeat, field))
}

/// The outcome of fuzzy matching a term against a short field.
pub(crate) enum Fuzzy {
    /// The term cannot be spelled from word beginnings in this text, however many.
    None,
    /// It can, but only in more pieces than its length allows ("cyinre" from "cyber,
    /// incident response"): kept as a candidate, since a longer term may still match.
    Weak,
    /// Skim's score and the matched character positions (char indices).
    Good(i64, Vec<usize>),
}

/// Fuzzy matching that people recognise: word beginnings run together, as in
/// "secoff" for "security-offline-backups" or "diginc" for "digital inclusion". The
/// term must split into runs that each start a word, two letters or more but for the
/// last, at most one run per three characters, so "case" does not match "council and
/// sell". Cheap checks run first; skim scores only what passes them.
///
/// Any text a term matches, each shorter prefix of the term can also be split into
/// word-start runs (perhaps too many), so [`Fuzzy::None`] for a term is `None` for every
/// longer one: that is what lets the incremental search drop an item for good.
pub(crate) fn fuzzy(matcher: &SkimMatcherV2, folded: &str, term: &str) -> Fuzzy {
    let found = if folded.is_ascii() && term.is_ascii() {
        let (text, pattern) = (folded.as_bytes(), term.as_bytes());
        if !is_subsequence(text, pattern) {
            return Fuzzy::None;
        }
        word_runs(text, pattern, |c, prev| {
            opens_run(c as char, prev.map(char::from))
        })
    } else {
        let text: Vec<char> = folded.chars().collect();
        let pattern: Vec<char> = term.chars().collect();
        if !is_subsequence(&text, &pattern) {
            return Fuzzy::None;
        }
        word_runs(&text, &pattern, opens_run)
    };
    match found {
        None => Fuzzy::None,
        Some((runs, _)) if runs > max_runs(term.chars().count()) => Fuzzy::Weak,
        Some((_, positions)) => {
            let score = matcher.fuzzy(folded, term, false).map_or(0, |(s, _)| s);
            Fuzzy::Good(score, positions)
        }
    }
}

/// Runs allowed for a term of `chars` characters.
pub(crate) fn max_runs(chars: usize) -> usize {
    (chars / 3).max(1)
}

fn is_subsequence<T: PartialEq>(text: &[T], pattern: &[T]) -> bool {
    let mut rest = text.iter();
    pattern.iter().all(|p| rest.any(|c| c == p))
}

thread_local! {
    /// Scratch tables for [`word_runs`], reused across calls.
    static TABLES: std::cell::RefCell<(Vec<u8>, Vec<u8>, Vec<usize>)> = Default::default();
}

/// The fewest runs `pattern` splits into in `text`, each starting a word (or at a
/// separator) and, but for the last, at least two long, in order, with the positions
/// (indices into `text`) of that split.
fn word_runs<T: Copy + PartialEq>(
    text: &[T],
    pattern: &[T],
    opens: impl Fn(T, Option<T>) -> bool,
) -> Option<(usize, Vec<usize>)> {
    TABLES.with_borrow_mut(|(runs, step, starts)| {
        starts.clear();
        starts
            .extend((0..text.len()).filter(|&i| opens(text[i], i.checked_sub(1).map(|p| text[p]))));
        let (k_len, m) = (starts.len(), pattern.len());
        const NONE: u8 = u8::MAX;
        // runs[k][j]: fewest runs matching pattern[j..] from run start k on (NONE:
        // impossible); step[k][j]: the run length taken there (0: start k skipped).
        let width = m + 1;
        runs.clear();
        runs.resize((k_len + 1) * width, NONE);
        step.clear();
        step.resize((k_len + 1) * width, 0);
        runs[k_len * width + m] = 0;
        for k in (0..k_len).rev() {
            runs[k * width + m] = 0;
            let s = starts[k];
            for j in 0..m {
                let mut best = runs[(k + 1) * width + j];
                let mut take = 0;
                let lcp = text[s..]
                    .iter()
                    .zip(&pattern[j..])
                    .take_while(|(a, b)| a == b)
                    .count();
                let mut next = k + 1;
                // Single letters make noise ("c", "a", "se" in "council and sell"):
                // only the last run, still being typed, may be one letter long.
                let shortest = if j + 1 == m { 1 } else { 2 };
                for len in 1..=lcp {
                    if len < shortest {
                        continue;
                    }
                    while next < k_len && starts[next] < s + len {
                        next += 1;
                    }
                    let rest = runs[next * width + j + len];
                    if rest != NONE && rest + 1 < best {
                        best = rest + 1;
                        take = len;
                    }
                }
                runs[k * width + j] = best;
                step[k * width + j] = take as u8;
            }
        }
        if runs[0] == NONE {
            return None;
        }
        let mut positions = Vec::with_capacity(m);
        let (mut k, mut j) = (0, 0);
        while j < m {
            let len = step[k * width + j] as usize;
            if len == 0 {
                k += 1;
                continue;
            }
            let s = starts[k];
            positions.extend(s..s + len);
            j += len;
            while k < k_len && starts[k] < s + len {
                k += 1;
            }
        }
        Some((runs[0] as usize, positions))
    })
}

/// Whether `t` occurs as written in some field of `doc`.
pub(crate) fn occurs(doc: &Doc, t: &Prepared) -> bool {
    doc.fields
        .iter()
        .any(|f| t.finder.find(f.folded.as_bytes()).is_some())
}

/// Evaluates one term against one item.
pub(crate) fn eval_term(doc: &Doc, index: u32, t: &Prepared, matcher: &SkimMatcherV2) -> Eval {
    // Each field's score, by position; an item has at most one field of each kind.
    let mut scores = [0i32; FIELDS];
    let mut best: Option<(i32, Field)> = None;
    let mut direct = false;
    let mut weak = false;
    let mut note = |i: usize, s: i32, f: Field, best: &mut Option<(i32, Field)>| {
        scores[i] = scores[i].max(s);
        if best.is_none_or(|(b, _)| s > b) {
            *best = Some((s, f));
        }
    };
    if t.direct.as_ref().is_none_or(|d| d.contains(index)) {
        for (i, f) in doc.fields.iter().enumerate() {
            if let Some(s) = substring_field(&f.folded, &t.finder, f.field) {
                direct = true;
                note(i, s, f.field, &mut best);
            }
        }
    }
    // Fuzzy and typo matching only stand in for a term that does not occur as written.
    if !direct && t.fuzzy && doc.short_mask & t.mask == t.mask && doc.run_starts & t.start != 0 {
        for (i, f) in doc
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.field.is_short())
        {
            match fuzzy(matcher, &f.folded, &t.text) {
                Fuzzy::Good(raw, _) => {
                    let s = (raw as i32 / t.chars as i32 * FUZZY_SCALE).min(FUZZY_MAX);
                    note(i, weighted(s, f.field), f.field, &mut best);
                }
                Fuzzy::Weak => weak = true,
                Fuzzy::None => {}
            }
        }
    }
    if !direct && !t.corrections.is_empty() && t.typo.as_ref().is_none_or(|d| d.contains(index)) {
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
                loose: !direct,
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
    !plan.excludes.iter().any(|x| {
        doc.fields
            .iter()
            .any(|f| x.find(f.folded.as_bytes()).is_some())
    })
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
    /// Terms found only loosely (typo, fuzzy). Items with fewer come first, whatever
    /// their score: what you typed, as typed, beats a guess at what you meant.
    pub loose: u32,
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
    let mut loose_terms = 0;
    for (i, t) in plan.terms.iter().enumerate() {
        match eval_term(doc, index, t, matcher) {
            Eval::Miss => return None,
            Eval::Weak => all_hit = false,
            Eval::Hit {
                score,
                field,
                quote,
                loose,
            } => {
                total += score;
                loose_terms += u32::from(loose);
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
            .filter(|f| phrase.find(f.folded.as_bytes()).is_some())
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
        loose: loose_terms,
    }))
}
