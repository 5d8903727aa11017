//! Search speed: loading and indexing, and the work done per keystroke while a query is
//! typed one character at a time through the incremental `Searcher` (with a backspace
//! or two, as people type). Run on the bundled content and on a generated folder of
//! about 10,000 items.
//!
//! Criterion reports the mean per keystroke as throughput (keystrokes per second). As
//! criterion measures whole iterations, a second pass after it times every keystroke
//! on its own and prints the mean, 99th percentile and worst case.
//!
//! `cargo bench --bench search -- --warm-up-time 1 --measurement-time 3`

#[path = "support/generate.rs"]
mod generate;

use std::hint::black_box;
use std::time::{Duration, Instant};

use almanac::content::{Almanac, ContentSet, load};
use almanac::search::{Index, Query, Searcher};
use criterion::{BenchmarkId, Criterion, Throughput};

/// Items the overlay shows at once, at most: every keystroke builds this many hits with
/// highlights and snippets.
const LIMIT: usize = 50;

/// What people type. `\u{8}` is a backspace, which cannot narrow and so searches afresh.
const TYPED: &[&str] = &[
    "ransomware",
    "data sharing agreement",
    "digital inclusion",
    "full fibre @case",
    "councillor training",
    "hackney backups",
    "accesibility",
    "telecare switchover",
    "benfi\u{8}\u{8}efits realisation",
    "cyber #10",
];

/// The query text after each keystroke of every script.
fn keystrokes() -> Vec<Vec<String>> {
    TYPED
        .iter()
        .map(|script| {
            let mut text = String::new();
            script
                .chars()
                .map(|c| {
                    if c == '\u{8}' {
                        text.pop();
                    } else {
                        text.push(c);
                    }
                    text.clone()
                })
                .collect()
        })
        .collect()
}

/// Types every script into `searcher`, timing each keystroke when `times` is given.
fn type_all(
    searcher: &mut Searcher,
    scripts: &[Vec<Query>],
    mut times: Option<&mut Vec<Duration>>,
) {
    for script in scripts {
        searcher.reset();
        for q in script {
            let start = Instant::now();
            black_box(searcher.search(q, LIMIT));
            if let Some(t) = times.as_deref_mut() {
                t.push(start.elapsed());
            }
        }
    }
}

struct Corpus {
    name: &'static str,
    almanac: Almanac,
    load: Box<dyn Fn() -> Almanac>,
}

fn corpora() -> (Vec<Corpus>, tempfile::TempDir) {
    let bundled = Almanac::bundled().expect("bundled content loads");
    let dir = tempfile::tempdir().expect("temp dir");
    let written = generate::generate(&bundled, dir.path(), 10_000).expect("fixture written");
    let path = dir.path().to_path_buf();
    let read = move || {
        let set = ContentSet::read_dir(&path).expect("fixture folder");
        load(&set, &[]).expect("fixture content is valid")
    };
    let big = read();
    eprintln!(
        "generated content: {written} items in {}",
        dir.path().display()
    );
    let corpora = vec![
        Corpus {
            name: "bundled",
            almanac: bundled,
            load: Box::new(|| Almanac::bundled().unwrap()),
        },
        Corpus {
            name: "10k",
            almanac: big,
            load: Box::new(read),
        },
    ];
    (corpora, dir)
}

fn bench(c: &mut Criterion, corpora: &[Corpus], scripts: &[Vec<Query>]) {
    let strokes: usize = scripts.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for corpus in corpora {
        g.bench_function(corpus.name, |b| b.iter(|| black_box((corpus.load)())));
    }
    g.finish();

    let mut g = c.benchmark_group("index");
    g.sample_size(10);
    for corpus in corpora {
        g.bench_function(corpus.name, |b| {
            b.iter(|| black_box(Index::new(&corpus.almanac)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("keystroke");
    g.sample_size(10);
    g.throughput(Throughput::Elements(strokes as u64));
    for corpus in corpora {
        let mut searcher = Searcher::new(Index::new(&corpus.almanac));
        g.bench_with_input(
            BenchmarkId::new("typing", corpus.name),
            scripts,
            |b, scripts| b.iter(|| type_all(&mut searcher, scripts, None)),
        );
    }
    g.finish();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Times every keystroke separately and prints the distribution, plus the time from
/// nothing to a ready index.
fn report(corpora: &[Corpus], scripts: &[Vec<Query>], rounds: usize) {
    println!(
        "\nper-keystroke times, {rounds} rounds of {} queries:",
        scripts.len()
    );
    for corpus in corpora {
        let start = Instant::now();
        let almanac = (corpus.load)();
        let loaded = start.elapsed();
        let index = Index::new(&almanac);
        let ready = start.elapsed();
        println!(
            "  {:8} {} items: loaded in {:.1} ms, index ready in {:.1} ms",
            corpus.name,
            index.len(),
            loaded.as_secs_f64() * 1e3,
            ready.as_secs_f64() * 1e3
        );
        let mut searcher = Searcher::new(index);
        type_all(&mut searcher, scripts, None);
        let mut times = Vec::new();
        for _ in 0..rounds {
            type_all(&mut searcher, scripts, Some(&mut times));
        }
        times.sort();
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "  {:8} {} keystrokes: mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            corpus.name,
            times.len(),
            ms(mean),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap())
        );
    }
}

fn main() {
    let (corpora, _dir) = corpora();
    let scripts: Vec<Vec<Query>> = keystrokes()
        .iter()
        .map(|s| s.iter().map(|t| Query::parse(t)).collect())
        .collect();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &corpora, &scripts);
    c.final_summary();
    // `cargo test --benches` runs this without `--bench`: one quick round is enough there.
    let benching = std::env::args().any(|a| a == "--bench");
    report(&corpora, &scripts, if benching { 20 } else { 1 });
}
