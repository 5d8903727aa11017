//! The wizard's state, for the TUI to drive: which question is on screen, and every change
//! (answer, skip, notes, target, plan) written to disk before the call returns.
//!
//! A failed save returns the error and keeps the change in memory (the next successful
//! save writes it); an answer whose save failed does not advance, so the error is shown
//! on the question it concerns.

use std::path::Path;

use super::store::{Error, OpenAssessment, Store};
use super::{
    Answer, Assessment, MAX_LEVEL, MIN_LEVEL, PlanItem, SCHEMA_VERSION, Scope, questions, timestamp,
};
use crate::content::text;
use crate::content::{Almanac, ItemRef};

/// What the set-up screen (or `assess new`) collects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    pub organisation: String,
    pub people: Vec<String>,
    pub scope: Scope,
}

/// `Question 7 of 24`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// 1-based position of the question on screen (`total` when past the end).
    pub position: usize,
    pub total: usize,
    /// Questions with a level.
    pub answered: usize,
    pub skipped: usize,
}

/// One outcome's row of ticks in the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeTick {
    /// Index into `almanac.outcomes`.
    pub outcome: usize,
    pub answered: usize,
    /// Answered or skipped.
    pub settled: usize,
    pub total: usize,
    /// The question on screen belongs to this outcome.
    pub current: bool,
}

/// An assessment being taken. Holds the file's lock for as long as it lives.
#[derive(Debug)]
pub struct Session {
    file: OpenAssessment,
    order: Vec<ItemRef>,
    ids: Vec<String>,
    /// `0..=order.len()`; `order.len()` means past the last question (show the results).
    index: usize,
}

impl Session {
    /// Creates the file and opens the wizard at the first question.
    pub fn start(store: &Store, almanac: &Almanac, setup: Setup) -> Result<Session, Error> {
        let unknown = super::unknown_outcomes(almanac, &setup.scope);
        if !unknown.is_empty() {
            return Err(Error::Rejected(format!(
                "unknown outcome: {}",
                unknown.join(", ")
            )));
        }
        if questions(almanac, &setup.scope).is_empty() {
            return Err(Error::Rejected(
                "the chosen outcomes have no assessment questions".into(),
            ));
        }
        let now = timestamp::now();
        let clean = |s: &str| text::one_line(s).trim().to_string();
        let assessment = Assessment {
            schema_version: SCHEMA_VERSION,
            edition: almanac.meta.edition,
            organisation: clean(&setup.organisation),
            people: setup
                .people
                .iter()
                .map(|p| clean(p))
                .filter(|p| !p.is_empty())
                .collect(),
            started: now.clone(),
            updated: now,
            completed: None,
            scope: setup.scope,
            answers: Default::default(),
            plan: Vec::new(),
        };
        let file = store.create(assessment)?;
        Ok(Session::new(almanac, file))
    }

    /// Opens an existing file at its first unsettled question (or the end if none is left).
    pub fn resume(store: &Store, almanac: &Almanac, path: &Path) -> Result<Session, Error> {
        let file = store.open(path)?;
        Ok(Session::new(almanac, file))
    }

    /// Wraps an already opened file.
    pub fn new(almanac: &Almanac, file: OpenAssessment) -> Session {
        let order = questions(almanac, &file.assessment().scope);
        let ids = order.iter().map(|r| almanac.id(*r).to_string()).collect();
        let mut s = Session {
            file,
            order,
            ids,
            index: 0,
        };
        s.index = s.first_unsettled_from(0).unwrap_or(s.order.len());
        s
    }

    pub fn assessment(&self) -> &Assessment {
        self.file.assessment()
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// True while a change is only in memory because the last save failed.
    pub fn unsaved(&self) -> bool {
        self.file.unsaved()
    }

    /// The questions in the order asked.
    pub fn questions(&self) -> &[ItemRef] {
        &self.order
    }

    pub fn index(&self) -> usize {
        self.index
    }

    /// The question on screen; `None` past the last one.
    pub fn current(&self) -> Option<ItemRef> {
        self.order.get(self.index).copied()
    }

    pub fn answer_for(&self, index: usize) -> Option<&Answer> {
        self.ids
            .get(index)
            .and_then(|id| self.assessment().answers.get(id))
    }

    pub fn current_answer(&self) -> Option<&Answer> {
        self.answer_for(self.index)
    }

    /// Records a level (1-5) for the question on screen, saves, and moves to the next.
    pub fn answer(&mut self, level: u8) -> Result<(), Error> {
        if !(MIN_LEVEL..=MAX_LEVEL).contains(&level) {
            return Err(Error::Rejected(format!(
                "a level is {MIN_LEVEL} to {MAX_LEVEL}, not {level}"
            )));
        }
        self.change_current(|a| {
            a.level = Some(level);
            a.skipped = false;
            a.answered_at = Some(timestamp::now());
        })?;
        self.forward();
        Ok(())
    }

    /// "We can't say": clears any level, saves, and moves to the next question.
    pub fn skip(&mut self) -> Result<(), Error> {
        self.change_current(|a| {
            a.level = None;
            a.skipped = true;
            a.answered_at = Some(timestamp::now());
        })?;
        self.forward();
        Ok(())
    }

    /// Replaces the notes of the question on screen (multi-line; sanitised) and saves.
    pub fn set_notes(&mut self, notes: &str) -> Result<(), Error> {
        let notes = text::sanitize(notes).trim_end().to_string();
        self.change_current(|a| a.notes = notes)
    }

    /// Sets or clears the target level of the question on screen and saves.
    pub fn set_target(&mut self, target: Option<u8>) -> Result<(), Error> {
        if let Some(t) = target
            && !(MIN_LEVEL..=MAX_LEVEL).contains(&t)
        {
            return Err(Error::Rejected(format!(
                "a target is {MIN_LEVEL} to {MAX_LEVEL}, not {t}"
            )));
        }
        self.change_current(|a| a.target = target)
    }

    fn change_current(&mut self, change: impl FnOnce(&mut Answer)) -> Result<(), Error> {
        let Some(id) = self.ids.get(self.index).cloned() else {
            return Err(Error::Rejected("no question on screen".into()));
        };
        let ids = &self.ids;
        // Completed stamps itself the first time every question is settled.
        self.file.update(|a| {
            change(a.answers.entry(id).or_default());
            if a.completed.is_none() && all_settled(ids, a) {
                a.completed = Some(timestamp::now());
            }
        })
    }

    /// Previous question; false at the first.
    pub fn back(&mut self) -> bool {
        if self.index == 0 {
            return false;
        }
        self.index -= 1;
        true
    }

    /// Next question (or past the last, to the results); false when already past the end.
    pub fn forward(&mut self) -> bool {
        if self.index >= self.order.len() {
            return false;
        }
        self.index += 1;
        true
    }

    /// Jumps to a question (clamped to the end).
    pub fn go_to(&mut self, index: usize) {
        self.index = index.min(self.order.len());
    }

    /// Jumps to the next question neither answered nor skipped, looking forward from the
    /// one on screen and then from the start. False when every question is settled.
    pub fn go_to_next_unanswered(&mut self) -> bool {
        match self.next_unanswered() {
            Some(i) => {
                self.index = i;
                true
            }
            None => false,
        }
    }

    /// Index of the next question neither answered nor skipped (from the one on screen,
    /// wrapping round), if any.
    pub fn next_unanswered(&self) -> Option<usize> {
        self.first_unsettled_from(self.index)
            .or_else(|| self.first_unsettled_from(0))
    }

    fn first_unsettled_from(&self, start: usize) -> Option<usize> {
        (start..self.order.len()).find(|&i| !self.answer_for(i).is_some_and(Answer::is_settled))
    }

    pub fn progress(&self) -> Progress {
        let (mut answered, mut skipped) = (0, 0);
        for i in 0..self.order.len() {
            match self.answer_for(i) {
                Some(a) if a.level.is_some() => answered += 1,
                Some(a) if a.skipped => skipped += 1,
                _ => {}
            }
        }
        Progress {
            position: (self.index + 1).min(self.order.len()),
            total: self.order.len(),
            answered,
            skipped,
        }
    }

    /// Per outcome in scope, in order: answered, settled and total questions.
    pub fn outcome_ticks(&self) -> Vec<OutcomeTick> {
        let current = self.current().and_then(|r| r.outcome());
        let mut out: Vec<OutcomeTick> = Vec::new();
        for (i, r) in self.order.iter().enumerate() {
            let outcome = r.outcome().unwrap_or(0);
            if out.last().is_none_or(|t| t.outcome != outcome) {
                out.push(OutcomeTick {
                    outcome,
                    answered: 0,
                    settled: 0,
                    total: 0,
                    current: current == Some(outcome),
                });
            }
            let tick = out.last_mut().expect("pushed above");
            tick.total += 1;
            if let Some(a) = self.answer_for(i) {
                tick.answered += usize::from(a.level.is_some());
                tick.settled += usize::from(a.is_settled());
            }
        }
        out
    }

    /// Every question answered or skipped.
    pub fn is_complete(&self) -> bool {
        all_settled(&self.ids, self.assessment())
    }

    /// Marks the assessment finished now, even with questions left (ending a meeting early).
    pub fn finish(&mut self) -> Result<(), Error> {
        if self.assessment().completed.is_some() {
            return Ok(());
        }
        self.file.update(|a| a.completed = Some(timestamp::now()))
    }

    pub fn set_organisation(&mut self, organisation: &str) -> Result<(), Error> {
        let org = text::one_line(organisation).trim().to_string();
        self.file.update(|a| a.organisation = org)
    }

    pub fn set_people(&mut self, people: &[String]) -> Result<(), Error> {
        let people: Vec<String> = people
            .iter()
            .map(|p| text::one_line(p).trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        self.file.update(|a| a.people = people)
    }

    /// Adds a guidance item to the action plan (once) and returns its position.
    pub fn add_to_plan(&mut self, almanac: &Almanac, guidance_id: &str) -> Result<usize, Error> {
        if almanac.get(guidance_id).map(|r| r.kind()) != Some(crate::content::Kind::Guidance) {
            return Err(Error::Rejected(format!(
                "`{}` is not a guidance item",
                text::one_line(guidance_id)
            )));
        }
        if let Some(i) = self
            .assessment()
            .plan
            .iter()
            .position(|p| p.guidance == guidance_id)
        {
            return Ok(i);
        }
        let item = PlanItem {
            guidance: guidance_id.to_string(),
            ..PlanItem::default()
        };
        self.file.update(|a| a.plan.push(item))?;
        Ok(self.assessment().plan.len() - 1)
    }

    /// Replaces a plan entry (owner, due date `YYYY-MM-DD`, note, done). The guidance id stays.
    pub fn update_plan(&mut self, index: usize, item: PlanItem) -> Result<(), Error> {
        if index >= self.assessment().plan.len() {
            return Err(Error::Rejected(format!("no plan entry {}", index + 1)));
        }
        if let Some(due) = &item.due
            && timestamp::parse_date(due).is_none()
        {
            return Err(Error::Rejected(format!(
                "due date `{}` is not a date such as 2027-03-31",
                text::one_line(due)
            )));
        }
        let item = PlanItem {
            guidance: self.assessment().plan[index].guidance.clone(),
            owner: text::one_line(&item.owner).trim().to_string(),
            due: item.due,
            note: text::sanitize(&item.note).trim_end().to_string(),
            done: item.done,
        };
        self.file.update(|a| a.plan[index] = item)
    }

    pub fn remove_from_plan(&mut self, index: usize) -> Result<(), Error> {
        if index >= self.assessment().plan.len() {
            return Err(Error::Rejected(format!("no plan entry {}", index + 1)));
        }
        self.file.update(|a| {
            a.plan.remove(index);
        })
    }

    /// Moves a plan entry up or down (priorities).
    pub fn move_in_plan(&mut self, from: usize, to: usize) -> Result<(), Error> {
        let n = self.assessment().plan.len();
        if from >= n || to >= n {
            return Err(Error::Rejected("no such plan entry".into()));
        }
        self.file.update(|a| {
            let item = a.plan.remove(from);
            a.plan.insert(to, item);
        })
    }

    /// Writes the in-memory state again (after an error was shown and fixed).
    pub fn save(&mut self) -> Result<(), Error> {
        self.file.save()
    }

    /// Continues in a new file when this one cannot be written; returns the new path.
    pub fn save_as_new(&mut self, store: &Store) -> Result<&Path, Error> {
        self.file.save_as_new(store)?;
        Ok(self.file.path())
    }
}

fn all_settled(ids: &[String], a: &Assessment) -> bool {
    ids.iter()
        .all(|id| a.answers.get(id).is_some_and(Answer::is_settled))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::store;
    use crate::assess::testutil::fixture;

    fn quick(outcomes: &[&str]) -> Setup {
        Setup {
            organisation: "Borsetshire \u{1b}[31mCC ".into(),
            people: vec!["Ada".into(), "  ".into(), "Ben".into()],
            scope: Scope {
                outcomes: outcomes.iter().map(|s| s.to_string()).collect(),
                quick: true,
            },
        }
    }

    #[test]
    fn walks_a_quick_assessment_saving_every_step() {
        let almanac = fixture();
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut s = Session::start(&store, &almanac, quick(&["alpha", "beta"])).unwrap();
        assert_eq!(s.assessment().organisation, "Borsetshire [31mCC");
        assert_eq!(s.assessment().people, ["Ada", "Ben"]);
        assert_eq!(s.assessment().edition, 2026);
        // alpha-q1, alpha-q3, beta-q1
        assert_eq!(
            s.progress(),
            Progress {
                position: 1,
                total: 3,
                answered: 0,
                skipped: 0
            }
        );
        assert_eq!(almanac.id(s.current().unwrap()), "alpha-q1");

        s.set_notes("Owner is\r\nthe CIO\u{7}\n\n").unwrap();
        s.set_target(Some(4)).unwrap();
        s.answer(2).unwrap();
        let disk = store::load(s.path()).unwrap();
        let a = &disk.answers["alpha-q1"];
        assert_eq!(
            (a.level, a.target, a.notes.as_str()),
            (Some(2), Some(4), "Owner is\nthe CIO")
        );
        assert!(timestamp::parse(a.answered_at.as_deref().unwrap()).is_some());

        assert_eq!(almanac.id(s.current().unwrap()), "alpha-q3");
        s.skip().unwrap();
        assert_eq!(
            s.progress(),
            Progress {
                position: 3,
                total: 3,
                answered: 1,
                skipped: 1
            }
        );
        let ticks = s.outcome_ticks();
        assert_eq!(ticks.len(), 2);
        assert_eq!(
            (
                ticks[0].answered,
                ticks[0].settled,
                ticks[0].total,
                ticks[0].current
            ),
            (1, 2, 2, false)
        );
        assert_eq!(
            (
                ticks[1].answered,
                ticks[1].settled,
                ticks[1].total,
                ticks[1].current
            ),
            (0, 0, 1, true)
        );
        assert!(!s.is_complete());
        assert_eq!(s.next_unanswered(), Some(2));

        s.answer(5).unwrap();
        assert_eq!(s.current(), None);
        assert!(s.is_complete());
        assert!(s.assessment().completed.is_some());
        assert_eq!(store::load(s.path()).unwrap(), *s.assessment());

        // Revising: back to the skipped question and answer it.
        assert!(s.back());
        assert!(s.back());
        assert!(s.current_answer().unwrap().skipped);
        s.answer(3).unwrap();
        let disk = store::load(s.path()).unwrap();
        assert_eq!(
            disk.answers["alpha-q3"],
            Answer {
                level: Some(3),
                skipped: false,
                ..disk.answers["alpha-q3"].clone()
            }
        );
        assert_eq!(s.progress().answered, 3);
        assert_eq!(s.index(), 2);
        assert!(s.forward());
        assert_eq!(s.current(), None);
        assert!(!s.forward(), "already past the end");
        assert!(s.back() && s.back() && s.back());
        assert!(!s.back(), "already at the first question");
    }

    #[test]
    fn resume_opens_at_the_first_unsettled_question() {
        let almanac = fixture();
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut s = Session::start(&store, &almanac, quick(&[])).unwrap();
        s.answer(1).unwrap();
        s.skip().unwrap();
        s.forward();
        s.answer(4).unwrap();
        let path = s.path().to_path_buf();
        // A second wizard on the same file is refused while the first is open.
        assert!(matches!(
            Session::resume(&store, &almanac, &path),
            Err(Error::Locked { .. })
        ));
        drop(s);
        let mut s = Session::resume(&store, &almanac, &path).unwrap();
        assert_eq!(s.index(), 2);
        assert_eq!(almanac.id(s.current().unwrap()), "beta-q1");
        s.go_to(99);
        assert_eq!(s.current(), None);
        assert!(s.go_to_next_unanswered());
        assert_eq!(s.index(), 2);
        s.finish().unwrap();
        assert!(store::load(&path).unwrap().completed.is_some());
    }

    #[test]
    fn rejects_what_cannot_be_recorded() {
        let almanac = fixture();
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        assert!(matches!(
            Session::start(&store, &almanac, quick(&["omega"])),
            Err(Error::Rejected(m)) if m == "unknown outcome: omega"
        ));
        let mut s = Session::start(&store, &almanac, quick(&["gamma"])).unwrap();
        assert_eq!(s.questions().len(), 1);
        assert!(s.answer(0).is_err() && s.answer(6).is_err() && s.set_target(Some(9)).is_err());
        s.answer(3).unwrap();
        assert!(
            matches!(s.answer(3), Err(Error::Rejected(_))),
            "past the end"
        );
        assert!(s.add_to_plan(&almanac, "alpha-q1").is_err());
        assert!(s.add_to_plan(&almanac, "nope").is_err());
    }

    #[test]
    fn keeps_an_action_plan() {
        let almanac = fixture();
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::new(tmp.path());
        let mut s = Session::start(&store, &almanac, quick(&["alpha"])).unwrap();
        assert_eq!(s.add_to_plan(&almanac, "alpha-g2").unwrap(), 0);
        assert_eq!(s.add_to_plan(&almanac, "gamma-g1").unwrap(), 1);
        assert_eq!(
            s.add_to_plan(&almanac, "alpha-g2").unwrap(),
            0,
            "no duplicates"
        );
        let item = PlanItem {
            guidance: "ignored".into(),
            owner: "Ada\n".into(),
            due: Some("2027-03-31".into()),
            note: "Ask procurement".into(),
            done: true,
        };
        s.update_plan(1, item.clone()).unwrap();
        assert!(
            s.update_plan(
                1,
                PlanItem {
                    due: Some("soon".into()),
                    ..item.clone()
                }
            )
            .is_err()
        );
        assert!(s.update_plan(5, item).is_err());
        s.move_in_plan(1, 0).unwrap();
        let disk = store::load(s.path()).unwrap();
        assert_eq!(disk.plan.len(), 2);
        assert_eq!(
            (
                disk.plan[0].guidance.as_str(),
                disk.plan[0].owner.as_str(),
                disk.plan[0].done
            ),
            ("gamma-g1", "Ada", true)
        );
        s.remove_from_plan(0).unwrap();
        assert_eq!(store::load(s.path()).unwrap().plan[0].guidance, "alpha-g2");
        s.set_organisation("Felpersham").unwrap();
        s.set_people(&["Cy".into()]).unwrap();
        let disk = store::load(s.path()).unwrap();
        assert_eq!(
            (disk.organisation.as_str(), disk.people.as_slice()),
            ("Felpersham", ["Cy".to_string()].as_slice())
        );
    }
}
