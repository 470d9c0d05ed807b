//! Generates kepu's pinyin table from the open pinyin data that the `pinyin-converter`
//! crate ships (mozillazg/pinyin-data and mozillazg/phrase-pinyin-data, MIT), using
//! that crate itself as the oracle for every reading, so that kepu's slugs stay exactly
//! what they were when kepu called the crate at run time.
//!
//! ```sh
//! cd tools/pinyin-table
//! cargo run --release -- ~/.cargo/registry/src/*/pinyin-converter-0.1.0/sources ../../src/content/pinyin
//! ```
//!
//! Why: the crate parses its 8 MB dictionary into hash maps on first use, 0.84 s of
//! CPU and ~100 MB in every build with a Chinese slug. The table written here is an
//! FST read in place (`src/content/pinyin/lookup.rs`, compiled into this tool too), so
//! a build starts with it at no cost.
//!
//! Before writing, every entry and 300,000 generated strings (word pairs and triples
//! that overlap at their boundaries, and random runs of characters) are converted both
//! ways; any difference stops the tool.

#[path = "../../../src/content/pinyin/lookup.rs"]
mod lookup;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// The same test as `kepu::text::is_han`: slugify hands only such runs to the table.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The keys of a source file, parsed as the crate's build script does.
fn keys(path: &Path, unicode_keys: bool) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                return None;
            }
            let (key, value) = line.split_once(':')?;
            let key = key.trim();
            let has_value = value
                .split_whitespace()
                .take_while(|p| !p.starts_with('#'))
                .next()
                .is_some();
            if key.is_empty() || !has_value {
                return None;
            }
            if unicode_keys {
                let code = u32::from_str_radix(key.strip_prefix("U+")?, 16).ok()?;
                Some(char::from_u32(code)?.to_string())
            } else {
                Some(key.to_string())
            }
        })
        .collect()
}

/// The crate's answer: the syllables of a run of Han characters.
fn oracle(han: &str) -> Vec<String> {
    pinyin::Pinyin::permalink(han)
        .split('-')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// SplitMix64, for the sample strings.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [sources, out] = args.as_slice() else {
        eprintln!("usage: pinyin-table SOURCES_DIR OUT_DIR");
        std::process::exit(2);
    };
    let mut all: BTreeSet<String> = BTreeSet::new();
    for (file, unicode) in [
        ("chars.txt", true),
        ("patches/chars.txt", true),
        ("words.txt", false),
        ("patches/words.txt", false),
        ("surnames.txt", false),
    ] {
        all.extend(keys(&sources.join(file), unicode));
    }
    // Only runs of Han characters ever reach the table.
    all.retain(|k| k.chars().all(is_han));
    eprintln!("{} entries", all.len());

    let readings: BTreeMap<String, Vec<String>> = all.iter().map(|k| (k.clone(), oracle(k))).collect();

    let mut syllables: Vec<String> = readings
        .values()
        .flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    syllables.sort();
    let number: HashMap<&str, u16> = syllables
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), u16::try_from(i).expect("too many syllables")))
        .collect();
    let mut syllable_bytes = Vec::new();
    for s in &syllables {
        assert!(s.is_ascii() && s.len() <= lookup::SYLLABLE_WIDTH, "syllable {s:?}");
        syllable_bytes.extend_from_slice(format!("{s:<w$}", w = lookup::SYLLABLE_WIDTH).as_bytes());
    }

    let mut blob: Vec<u16> = Vec::new();
    let mut stored: HashMap<Vec<u16>, u64> = HashMap::new();
    let mut compositional = 0usize;
    let mut map = fst::MapBuilder::memory();
    for (key, reading) in &readings {
        let multi = key.chars().count() > 1;
        let by_chars: Vec<String> = key
            .chars()
            .flat_map(|c| readings.get(&c.to_string()).cloned().unwrap_or_default())
            .collect();
        let value = if multi && *reading == by_chars {
            compositional += 1;
            0
        } else {
            let numbers: Vec<u16> = reading.iter().map(|s| number[s.as_str()]).collect();
            *stored.entry(numbers.clone()).or_insert_with(|| {
                let at = blob.len() as u64;
                blob.push(numbers.len() as u16);
                blob.extend(&numbers);
                at + 1
            })
        };
        map.insert(key.as_bytes(), value).expect("keys are sorted");
    }
    let fst_bytes = map.into_inner().expect("fst");
    let blob_bytes: Vec<u8> = blob.iter().flat_map(|n| n.to_le_bytes()).collect();
    eprintln!(
        "{} syllables, {compositional} words read as their characters, fst {} bytes, readings {} bytes",
        syllables.len(),
        fst_bytes.len(),
        blob_bytes.len()
    );

    // Check: every entry, then word pairs and triples run together, then random runs.
    let table = lookup::Table::new(&fst_bytes, &blob_bytes, &syllable_bytes).expect("table");
    let convert = |s: &str| {
        let mut v = Vec::new();
        table.syllables(s, &mut v);
        v.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let words: Vec<&String> = all.iter().filter(|k| k.chars().count() > 1).collect();
    let chars: Vec<&String> = all.iter().filter(|k| k.chars().count() == 1).collect();
    let mut rng = Rng(0x70_696e_7969_6e);
    let mut samples: Vec<String> = all.iter().cloned().collect();
    for _ in 0..150_000 {
        let n = 2 + rng.below(2);
        samples.push((0..n).map(|_| words[rng.below(words.len())].as_str()).collect());
    }
    for _ in 0..150_000 {
        let n = 1 + rng.below(12);
        samples.push((0..n).map(|_| chars[rng.below(chars.len())].as_str()).collect());
    }
    let mut wrong = 0;
    for s in &samples {
        let (ours, theirs) = (convert(s), oracle(s));
        if ours != theirs {
            wrong += 1;
            if wrong <= 10 {
                eprintln!("differs: {s}: {ours:?} vs {theirs:?}");
            }
        }
    }
    if wrong > 0 {
        eprintln!("{wrong} of {} samples differ; nothing written", samples.len());
        std::process::exit(1);
    }
    eprintln!("{} samples agree with pinyin-converter", samples.len());

    fs::create_dir_all(out).expect("create the output folder");
    fs::write(out.join("words.fst"), &fst_bytes).expect("write words.fst");
    fs::write(out.join("readings.bin"), &blob_bytes).expect("write readings.bin");
    fs::write(out.join("syllables.bin"), &syllable_bytes).expect("write syllables.bin");
}
