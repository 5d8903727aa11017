//! A benchmark fixture, not a user command: writes a valid content folder of 12
//! outcomes and about as many items as asked for, built from the bundled almanac's own
//! sentences and title words so the text looks like real content (word lengths, shared
//! vocabulary, Markdown), only far more of it.

use std::fs;
use std::io;
use std::path::Path;

use almanac::content::{
    Almanac, Audience, CaseKind, CaseStudy, Challenge, CouncillorQuestion, Effort, Guidance,
    Outcome, Question, Reading, Term,
};
use serde::Serialize;

/// A small deterministic generator (xorshift64*), so every run benchmarks the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text harvested from the bundled almanac.
struct Pool {
    sentences: Vec<String>,
    title_words: Vec<String>,
    headings: Vec<String>,
}

impl Pool {
    fn new(a: &Almanac) -> Pool {
        let mut bodies: Vec<&str> = Vec::new();
        let mut titles: Vec<&str> = Vec::new();
        for o in &a.outcomes {
            bodies.extend([o.overview.as_str(), o.why_it_matters.as_str()]);
            bodies.extend(o.guidance.iter().map(|g| g.body.as_str()));
            bodies.extend(o.challenges.iter().map(|c| c.body.as_str()));
            bodies.extend(o.case_studies.iter().map(|c| c.body.as_str()));
            titles.extend(o.guidance.iter().map(|g| g.title.as_str()));
            titles.extend(o.challenges.iter().map(|c| c.title.as_str()));
            titles.extend(o.case_studies.iter().map(|c| c.title.as_str()));
        }
        bodies.extend(a.glossary.iter().map(|t| t.definition.as_str()));
        let mut sentences = Vec::new();
        let mut headings = Vec::new();
        for body in bodies {
            for line in body.lines() {
                if let Some(h) = line.strip_prefix("### ") {
                    headings.push(h.to_string());
                    continue;
                }
                for s in line.split_inclusive(". ") {
                    let s = s.trim();
                    if s.len() >= 30 {
                        sentences.push(s.to_string());
                    }
                }
            }
        }
        let mut title_words: Vec<String> = titles
            .iter()
            .flat_map(|t| t.split_whitespace())
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        title_words.sort();
        title_words.dedup();
        Pool {
            sentences,
            title_words,
            headings,
        }
    }

    fn title(&self, rng: &mut Rng) -> String {
        let n = rng.between(4, 9);
        let words: Vec<&str> = (0..n)
            .map(|_| rng.pick(&self.title_words).as_str())
            .collect();
        let mut t = words.join(" ");
        if let Some(first) = t.get(..1) {
            t = first.to_uppercase() + &t[1..];
        }
        t
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        rng.pick(&self.sentences).clone()
    }

    fn paragraph(&self, rng: &mut Rng, lo: usize, hi: usize) -> String {
        let n = rng.between(lo, hi);
        (0..n)
            .map(|_| self.sentence(rng))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A Markdown body: paragraphs, a heading now and then, a short list.
    fn body(&self, rng: &mut Rng) -> String {
        let mut out = self.paragraph(rng, 2, 5);
        if rng.below(2) == 0 {
            out.push_str(&format!("\n\n### {}\n\n", rng.pick(&self.headings)));
            for _ in 0..rng.between(2, 4) {
                out.push_str(&format!("- {}\n", self.sentence(rng)));
            }
        }
        out.push_str("\n\n");
        out.push_str(&self.paragraph(rng, 1, 3));
        out
    }
}

#[derive(Serialize)]
struct GlossaryOut {
    term: Vec<Term>,
}

/// Writes `almanac.toml`, `glossary.toml` and 12 outcome files to `dir`, with about
/// `items` items in all. Returns the exact number of items written.
pub fn generate(almanac: &Almanac, dir: &Path, items: usize) -> io::Result<usize> {
    let pool = Pool::new(almanac);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    fs::create_dir_all(dir.join("outcomes"))?;
    let meta = toml::to_string(&almanac.meta).map_err(io::Error::other)?;
    fs::write(dir.join("almanac.toml"), meta)?;

    let terms = (items / 60).max(1);
    let per_outcome = (items.saturating_sub(terms + 12) / 12).max(6);
    // Shares of each section, as in the bundled content: guidance and questions lead.
    let shares = [24, 15, 12, 18, 18, 13];
    let mut written = 0;
    for n in 1..=12u32 {
        let id = format!("area{n}");
        let count = |share: usize| (per_outcome * share / 100).max(1);
        let outcome = Outcome {
            id: id.clone(),
            number: n,
            title: pool.title(&mut rng),
            summary: pool.sentence(&mut rng),
            overview: pool.body(&mut rng),
            why_it_matters: pool.body(&mut rng),
            tags: (0..4)
                .map(|_| rng.pick(&pool.title_words).clone())
                .collect(),
            related: Vec::new(),
            guidance: (0..count(shares[0]))
                .map(|i| Guidance {
                    id: format!("{id}-g{i}"),
                    title: pool.title(&mut rng),
                    audience: vec![Audience::Technical, Audience::Leadership],
                    effort: Effort::Medium,
                    body: pool.body(&mut rng),
                    related: Vec::new(),
                    origin: Default::default(),
                })
                .collect(),
            challenges: (0..count(shares[1]))
                .map(|i| Challenge {
                    id: format!("{id}-c{i}"),
                    title: pool.title(&mut rng),
                    body: pool.body(&mut rng),
                    mitigations: (0..3).map(|_| pool.sentence(&mut rng)).collect(),
                    related: Vec::new(),
                    origin: Default::default(),
                })
                .collect(),
            case_studies: (0..count(shares[2]))
                .map(|i| CaseStudy {
                    id: format!("{id}-cs{i}"),
                    title: pool.title(&mut rng),
                    organisation: format!("{} Council", pool.title(&mut rng)),
                    year: 2015 + rng.below(10) as u16,
                    kind: CaseKind::Illustrative,
                    body: pool.body(&mut rng),
                    results: pool.paragraph(&mut rng, 1, 3),
                    lessons: (0..3).map(|_| pool.sentence(&mut rng)).collect(),
                    sources: Vec::new(),
                    related: Vec::new(),
                    origin: Default::default(),
                })
                .collect(),
            questions: (0..count(shares[3]))
                .map(|i| Question {
                    id: format!("{id}-q{i}"),
                    prompt: pool.sentence(&mut rng),
                    help: pool.paragraph(&mut rng, 1, 3),
                    core: i < 2,
                    levels: (0..5).map(|_| pool.sentence(&mut rng)).collect(),
                    origin: Default::default(),
                })
                .collect(),
            councillor_questions: (0..count(shares[4]))
                .map(|i| CouncillorQuestion {
                    id: format!("{id}-cq{i}"),
                    text: pool.sentence(&mut rng),
                    origin: Default::default(),
                })
                .collect(),
            reading: (0..count(shares[5]))
                .map(|i| Reading {
                    id: format!("{id}-r{i}"),
                    title: pool.title(&mut rng),
                    publisher: format!("{} Institute", pool.title(&mut rng)),
                    url: format!("https://example.org/{id}/{i}"),
                    origin: Default::default(),
                })
                .collect(),
            origin: Default::default(),
        };
        written += 1
            + outcome.guidance.len()
            + outcome.challenges.len()
            + outcome.case_studies.len()
            + outcome.questions.len()
            + outcome.councillor_questions.len()
            + outcome.reading.len();
        let text = toml::to_string(&outcome).map_err(io::Error::other)?;
        fs::write(dir.join(format!("outcomes/{n:02}-{id}.toml")), text)?;
    }
    let glossary = GlossaryOut {
        term: (0..terms)
            .map(|i| Term {
                id: format!("term-{i}"),
                term: pool.title(&mut rng),
                definition: pool.paragraph(&mut rng, 1, 4),
                see_also: Vec::new(),
                origin: Default::default(),
            })
            .collect(),
    };
    fs::write(
        dir.join("glossary.toml"),
        toml::to_string(&glossary).map_err(io::Error::other)?,
    )?;
    Ok(written + terms)
}
