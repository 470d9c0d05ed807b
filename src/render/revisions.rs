//! The revision of each published event: its `SEQUENCE`, its `DTSTAMP` and a hash of
//! what its `VEVENT` said, kept between builds in the cache folder
//! (`.kepu-cache/calendar/revisions.tsv`).
//!
//! Part of the `.ics` output ([`super::ics`]). Calendar programs that imported an
//! event keep it until a copy with a higher `SEQUENCE` (or a later `DTSTAMP`) comes:
//! a cancellation published with the same numbers is ignored. Why a kept state and
//! not a rule on the front matter alone: an editor who moves or cancels an event
//! seldom touches `updated`, and only a comparison with what was published last
//! tells that the event changed. The numbers never fall below a rule that needs no
//! state ([`floor`] in `ics`: minutes from `date` to `updated`, plus one once the
//! status is not "scheduled"), so a build without the cache folder (a fresh clone)
//! still raises the `SEQUENCE` of a cancelled event. Identical input and an identical
//! state give identical bytes: nothing here depends on the order events are made in.
//!
//! `kepu build` saves the new state after the output is written; `serve` and `check`
//! only read it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

/// The folder of the state inside the cache folder, and the file.
const FILE: &str = "calendar/revisions.tsv";

/// The first line of the file: what it is, and its layout's version.
const HEADER: &str = "kepu-calendar-revisions 1";

/// What was published of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Its `SEQUENCE`.
    pub sequence: i64,
    /// Its `DTSTAMP`.
    pub stamp: Timestamp,
    /// BLAKE3 of the rest of its `VEVENT` text (hex).
    pub hash: String,
}

/// The kept state: each event's revision, by UID.
pub type State = BTreeMap<String, Revision>;

/// The revisions of the last build, and those of this one as events are written.
#[derive(Debug, Default)]
pub struct Revisions {
    previous: BTreeMap<String, Revision>,
    current: Mutex<BTreeMap<String, Revision>>,
}

impl Revisions {
    /// The state kept in `cache_dir` (none if the file is missing or not ours: every
    /// event then starts at its floor).
    pub fn load(cache_dir: &Path) -> Revisions {
        let previous = std::fs::read_to_string(cache_dir.join(FILE))
            .ok()
            .map(|text| parse(&text))
            .unwrap_or_default();
        Revisions {
            previous,
            current: Mutex::default(),
        }
    }

    /// The revision of the event `uid` whose `VEVENT` (without `SEQUENCE` and
    /// `DTSTAMP`) is `text`: the last published one if the text is the same, else
    /// one more `SEQUENCE` and `now` as `DTSTAMP` (never earlier than the last one).
    /// `floor` and `stamp` are what the front matter alone gives.
    pub fn revise(
        &self,
        uid: &str,
        text: &str,
        (floor, stamp): (i64, Timestamp),
        now: Timestamp,
    ) -> Revision {
        let hash = blake3::hash(text.as_bytes()).to_hex().to_string();
        let revision = match self.previous.get(uid) {
            None => Revision {
                sequence: floor,
                stamp,
                hash,
            },
            Some(last) if last.hash == hash => Revision {
                sequence: last.sequence.max(floor),
                stamp: last.stamp,
                hash,
            },
            Some(last) => Revision {
                sequence: (last.sequence + 1).max(floor),
                stamp: now
                    .max(stamp)
                    .max(last.stamp + SignedDuration::from_secs(1)),
                hash,
            },
        };
        if let Ok(mut current) = self.current.lock() {
            current.insert(uid.to_string(), revision.clone());
        }
        revision
    }

    /// The state to keep after this build: the revisions of this build's events, and
    /// those of events not built this time (a page taken down and put back later
    /// goes on from its last numbers).
    pub fn merged(&self) -> State {
        let mut all = self.previous.clone();
        if let Ok(current) = self.current.lock() {
            all.extend(current.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        all
    }
}

/// Writes `state` into `cache_dir` (a temporary file renamed into place); a site
/// that never had an event leaves no file.
pub fn save(cache_dir: &Path, state: &State) -> std::io::Result<Option<PathBuf>> {
    if state.is_empty() {
        return Ok(None);
    }
    let path = cache_dir.join(FILE);
    let dir = path.parent().unwrap_or(cache_dir);
    std::fs::create_dir_all(dir)?;
    let mut text = format!("{HEADER}\n");
    for (uid, r) in state {
        text.push_str(&format!(
            "{uid}\t{}\t{}\t{}\n",
            r.sequence,
            r.stamp.as_second(),
            r.hash
        ));
    }
    let temp = dir.join(format!(".revisions.{}.tmp", std::process::id()));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, &path)?;
    Ok(Some(path))
}

/// The entries of a state file; a file of another layout, or a line that does not
/// read, counts as absent.
fn parse(text: &str) -> State {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return BTreeMap::new();
    }
    lines
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let uid = fields.next()?;
            let sequence = fields.next()?.parse().ok()?;
            let stamp = Timestamp::from_second(fields.next()?.parse().ok()?).ok()?;
            let hash = fields.next()?.to_string();
            Some((
                uid.to_string(),
                Revision {
                    sequence,
                    stamp,
                    hash,
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn unchanged_keeps_changed_raises_and_the_file_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let first = Revisions::load(dir.path());
        let made = ts("2018-01-01T00:00:00Z");
        let r = first.revise(
            "a@x",
            "STATUS:CONFIRMED",
            (0, made),
            ts("2018-06-01T00:00:00Z"),
        );
        assert_eq!((r.sequence, r.stamp), (0, made));
        save(dir.path(), &first.merged()).unwrap();

        let second = Revisions::load(dir.path());
        let later = ts("2018-07-01T00:00:00Z");
        let same = second.revise("a@x", "STATUS:CONFIRMED", (0, made), later);
        assert_eq!((same.sequence, same.stamp), (0, made));
        let changed = second.revise("a@x", "STATUS:CANCELLED", (1, made), later);
        assert_eq!((changed.sequence, changed.stamp), (1, later));
        save(dir.path(), &second.merged()).unwrap();

        // A later edit goes one higher; a clock behind the last stamp still advances it.
        let third = Revisions::load(dir.path());
        let again = third.revise("a@x", "STATUS:CONFIRMED", (0, made), made);
        assert_eq!(again.sequence, 2);
        assert_eq!(again.stamp, later + SignedDuration::from_secs(1));
    }

    #[test]
    fn a_file_not_ours_is_ignored() {
        assert!(parse("something else\na\t1\t0\th\n").is_empty());
        assert_eq!(parse(&format!("{HEADER}\na\t1\t0\th\nbad line\n")).len(), 1);
    }
}
