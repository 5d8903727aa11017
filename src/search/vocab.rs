//! Every distinct word of the index and the items holding it. Two uses:
//!
//! - Finding, before any item is looked at, which items can hold a term at all: a term
//!   made of letters and digits only occurs inside a word, so only items with a word
//!   containing it need their text searched.
//! - Forgiving a typo or two in a long word ("ransomeware", "accesibility", "backups"
//!   for "backup"). A term is compared with the words that share its first letter (a
//!   wrong first letter is rarely a typo and mostly another word), using edit distance
//!   to the closest *prefix* of the word, so a half typed word is corrected too.

use std::collections::HashMap;

use memchr::memmem::Finder;

use super::fold::is_word_char;

/// FxHash (as in rustc): words are hashed over a million times while indexing a large
/// content set, and need no defence against crafted collisions.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// Every distinct folded word of the index.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<String, u32, FxBuild>,
    words: Vec<Box<[char]>>,
    by_first: HashMap<char, Vec<u32>>,
    /// For each word, the items holding it, ascending.
    postings: Vec<Vec<u32>>,
    /// All words, each followed by a newline, for one fast scan; and where each starts.
    joined: String,
    starts: Vec<u32>,
}

/// A set of items, by index.
#[derive(Debug, Clone)]
pub struct DocSet(Vec<u64>);

impl DocSet {
    pub fn new(len: usize) -> DocSet {
        DocSet(vec![0; len.div_ceil(64)])
    }

    pub fn insert(&mut self, doc: u32) {
        self.0[doc as usize / 64] |= 1 << (doc % 64);
    }

    pub fn contains(&self, doc: u32) -> bool {
        self.0[doc as usize / 64] & (1 << (doc % 64)) != 0
    }
}

/// A word of the index within the allowed distance of a term.
#[derive(Debug, Clone)]
pub struct Correction {
    pub word: u32,
    pub distance: u8,
    /// The matched prefix of the word, folded: what a highlight covers.
    pub prefix: String,
    /// True when the whole word matched, not just a prefix.
    pub whole: bool,
}

impl Vocab {
    /// The id of `word`, adding it if new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        let chars: Box<[char]> = word.chars().collect();
        if let Some(&first) = chars.first() {
            self.by_first.entry(first).or_default().push(id);
        }
        self.words.push(chars);
        self.postings.push(Vec::new());
        self.ids.insert(word.to_string(), id);
        id
    }

    /// Records that item `doc` holds `words`. Items are added in ascending order.
    pub fn add_doc(&mut self, doc: u32, words: &[u32]) {
        for &w in words {
            let list = &mut self.postings[w as usize];
            if list.last() != Some(&doc) {
                list.push(doc);
            }
        }
    }

    /// Prepares the word scan; call once every item is added.
    pub fn finish(&mut self) {
        self.joined.clear();
        self.starts.clear();
        for w in &self.words {
            self.starts.push(self.joined.len() as u32);
            self.joined.extend(w.iter());
            self.joined.push('\n');
        }
    }

    /// Items holding a word that contains the term `finder` looks for.
    pub fn docs_containing(&self, finder: &Finder<'_>, docs: usize) -> DocSet {
        let mut set = DocSet::new(docs);
        let mut last = None;
        for pos in finder.find_iter(self.joined.as_bytes()) {
            let word = self.starts.partition_point(|&s| s as usize <= pos) - 1;
            if last == Some(word) {
                continue;
            }
            last = Some(word);
            for &d in &self.postings[word] {
                set.insert(d);
            }
        }
        set
    }

    /// Items holding any of `words`.
    pub fn docs_with_any(&self, words: impl Iterator<Item = u32>, docs: usize) -> DocSet {
        let mut set = DocSet::new(docs);
        for w in words {
            for &d in &self.postings[w as usize] {
                set.insert(d);
            }
        }
        set
    }

    /// Sorted, distinct ids of the words of a folded text.
    pub fn words_of(&mut self, folded: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = folded
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(|w| self.intern(w))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Words within `max` edits of `term` (on their closest prefix) that do not simply
    /// start with it; those match directly. Sorted by word id.
    pub fn corrections(&self, term: &str, max: usize) -> Vec<Correction> {
        let term: Vec<char> = term.chars().collect();
        let (Some(first), true) = (term.first(), max > 0) else {
            return Vec::new();
        };
        let Some(candidates) = self.by_first.get(first) else {
            return Vec::new();
        };
        let mut rows = Rows::default();
        let mut out = Vec::new();
        for &id in candidates {
            let word = &self.words[id as usize];
            if word.len() + max < term.len() || word.starts_with(&term) {
                continue;
            }
            if let Some((distance, len)) = prefix_distance(&term, word, max, &mut rows) {
                out.push(Correction {
                    word: id,
                    distance: distance as u8,
                    prefix: word[..len].iter().collect(),
                    whole: len == word.len(),
                });
            }
        }
        out
    }
}

/// Reused rows of the edit-distance table.
#[derive(Default)]
struct Rows {
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// The smallest edit distance (insertions, deletions, substitutions and swaps of
/// neighbours) between `term` and any prefix of `word`, if at most `max`, with the
/// length of the longest prefix at that distance.
fn prefix_distance(
    term: &[char],
    word: &[char],
    max: usize,
    rows: &mut Rows,
) -> Option<(usize, usize)> {
    let n = word.len();
    let Rows { prev2, prev, cur } = rows;
    prev2.clear();
    prev2.resize(n + 1, 0);
    prev.clear();
    prev.extend(0..=n);
    cur.clear();
    cur.resize(n + 1, 0);
    for i in 1..=term.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(term[i - 1] != word[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && term[i - 1] == word[j - 2] && term[i - 2] == word[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(prev2, prev);
        std::mem::swap(prev, cur);
    }
    // `prev` now holds the last row: distance from the whole term to each prefix.
    let best = *prev.iter().min()?;
    if best > max {
        return None;
    }
    let len = prev.iter().rposition(|&d| d == best)?;
    Some((best, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_items_by_words_containing_a_term() {
        let mut v = Vocab::default();
        let a = v.words_of("data sharing agreement");
        let b = v.words_of("metadata standards");
        let c = v.words_of("cyber resilience");
        v.add_doc(0, &a);
        v.add_doc(1, &b);
        v.add_doc(2, &c);
        v.finish();
        let set = v.docs_containing(&Finder::new("data"), 3);
        assert!(set.contains(0) && set.contains(1) && !set.contains(2));
        let set = v.docs_containing(&Finder::new("ree"), 3);
        assert!(set.contains(0) && !set.contains(1) && !set.contains(2));
        // A term never spans two words: the newline between them is not in any term.
        assert!(
            !v.docs_containing(&Finder::new("agreementmeta"), 3)
                .contains(0)
        );
        let set = v.docs_with_any([v.ids["cyber"]].into_iter(), 3);
        assert!(set.contains(2) && !set.contains(0));
    }

    fn dist(term: &str, word: &str, max: usize) -> Option<(usize, usize)> {
        let t: Vec<char> = term.chars().collect();
        let w: Vec<char> = word.chars().collect();
        prefix_distance(&t, &w, max, &mut Rows::default())
    }

    #[test]
    fn distance_to_closest_prefix() {
        assert_eq!(dist("ransomeware", "ransomware", 2), Some((1, 10)));
        assert_eq!(dist("ransome", "ransomware", 1), Some((1, 7)));
        assert_eq!(dist("backups", "backup", 1), Some((1, 6)));
        assert_eq!(dist("recieve", "receive", 1), Some((1, 7)));
        assert_eq!(dist("accesibility", "accessibility", 2), Some((1, 13)));
        assert_eq!(dist("random", "ransomware", 1), Some((1, 6)));
        assert_eq!(dist("fibre", "fire", 0), None);
        assert_eq!(dist("hackney", "hockey", 1), None);
    }

    #[test]
    fn corrections_share_the_first_letter_and_skip_direct_hits() {
        let mut v = Vocab::default();
        v.words_of("ransomware ransom random bansomware resilience");
        v.finish();
        let found: Vec<String> = v
            .corrections("ransomeware", 2)
            .into_iter()
            .map(|c| {
                format!(
                    "{}:{}:{}",
                    v.words[c.word as usize].iter().collect::<String>(),
                    c.distance,
                    c.whole
                )
            })
            .collect();
        assert_eq!(found, vec!["ransomware:1:true"]);
        // "ransom" starts with the term, so it matches directly and is no correction.
        let c: Vec<String> = v
            .corrections("ranso", 1)
            .into_iter()
            .map(|c| c.prefix)
            .collect();
        assert_eq!(c, vec!["rando"]);
        assert!(v.corrections("ransom", 0).is_empty());
    }
}
