//! The cost of what the wizard does on each keystroke: saving an answer (serialise, write,
//! fsync, rename, fsync the folder) on a full 12-outcome assessment, and scoring it for the
//! results screen. Saving is bounded by the disk's fsync latency, which criterion reports
//! as measured on this machine.

use std::hint::black_box;

use almanac::assess::score::{score, weakest};
use almanac::assess::{Scope, Session, Setup, Store, file};
use almanac::content::Almanac;
use criterion::{Criterion, criterion_group, criterion_main};

fn full_session(almanac: &Almanac, store: &Store) -> Session {
    let setup = Setup {
        organisation: "Borsetshire County Council".into(),
        people: vec!["Ada".into(), "Ben".into()],
        scope: Scope::default(),
    };
    let mut s = Session::start(store, almanac, setup).unwrap();
    let mut level = 1;
    while s.current().is_some() {
        s.set_notes("Owner is the CIO.\nNo deputy yet; revisit in March.")
            .unwrap();
        s.answer(level).unwrap();
        level = level % 5 + 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let almanac = Almanac::bundled().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path());
    let mut s = full_session(&almanac, &store);
    let n = s.questions().len();
    eprintln!(
        "full assessment: {n} questions, file {} bytes",
        std::fs::metadata(s.path()).unwrap().len()
    );

    c.bench_function("answer and save (full assessment)", |b| {
        let mut i = 0;
        b.iter(|| {
            s.go_to(i % n);
            s.answer(black_box((i % 5) as u8 + 1)).unwrap();
            i += 1;
        })
    });
    let a = s.assessment().clone();
    c.bench_function("score and weakest (full assessment)", |b| {
        b.iter(|| {
            let r = score(&almanac, black_box(&a));
            weakest(&almanac, &r, 3)
        })
    });
    let text = file::to_toml(&a);
    c.bench_function("parse assessment file", |b| {
        b.iter(|| file::parse("a.toml", black_box(text.as_bytes())).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
