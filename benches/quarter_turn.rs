//! Times the quarter turn of a sideways photo: `cargo run --release --example
//! quarter_turn`.
//!
//! A phone photo taken sideways, downscaled to kepu's 2560 px originals, is a
//! 3413 × 2560 RGB picture (26 MB) turned a quarter turn (`upright` in
//! src/render/images/orient.rs, compiled into this program from its source file with a
//! stand-in for the buffer pool, since the module is private to kepu). Each is timed
//! clockwise (EXIF orientation 6) and back, against the 32 × 32 tiles turn that came
//! before it (copied here) and the `image` crate's `rotate90`/`rotate270`, and against
//! a plain copy of the 26 MB, the memory's floor. Each figure is the median of 20
//! samples of five turns each, in processor time of this thread: the machine is shared,
//! and this kernel counts processor time in 4 ms ticks. Every turn is checked against
//! the `image` crate's. docs/performance.md ("The quarter turn, again") keeps the
//! figures.

use image::metadata::Orientation;
use image::{DynamicImage, RgbImage, imageops};

#[path = "../src/render/images/orient.rs"]
mod orient;

/// Stands in for kepu's buffer pool (src/render/images/pool.rs): one thread's spare
/// buffers, taken and given back.
mod pool {
    use std::cell::RefCell;

    thread_local! {
        static SPARE: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer of `len` bytes, an earlier one's when there is one.
    pub fn take(len: usize) -> Vec<u8> {
        let mut buf = SPARE.with_borrow_mut(Vec::pop).unwrap_or_default();
        buf.resize(len, 0);
        buf
    }

    /// Gives a buffer back for the next turn.
    pub fn give(buf: Vec<u8>) {
        SPARE.with_borrow_mut(|spare| spare.push(buf));
    }
}

/// Width and height of the sideways picture.
const W: u32 = 3413;
const H: u32 = 2560;

/// Samples per figure, and turns per sample.
const SAMPLES: usize = 20;
const REPEAT: usize = 5;

/// The turn before this one: 32 × 32 tiles, one 3-byte pixel at a time.
fn tiles32(src: &RgbImage, clockwise: bool) -> RgbImage {
    const TILE: usize = 32;
    let (w, h) = (src.width() as usize, src.height() as usize);
    let (from, _) = src.as_raw().as_chunks::<3>();
    let mut buf = pool::take(w * h * 3);
    let (to, _) = buf.as_chunks_mut::<3>();
    for tx in (0..w).step_by(TILE) {
        for ty in (0..h).step_by(TILE) {
            let y_end = (ty + TILE).min(h);
            for x in tx..(tx + TILE).min(w) {
                if clockwise {
                    let row = &mut to[x * h..(x + 1) * h];
                    let run = &mut row[h - y_end..h - ty];
                    for (pixel, y) in run.iter_mut().zip((ty..y_end).rev()) {
                        *pixel = from[y * w + x];
                    }
                } else {
                    let row = &mut to[(w - 1 - x) * h..(w - x) * h];
                    for (pixel, y) in row[ty..y_end].iter_mut().zip(ty..y_end) {
                        *pixel = from[y * w + x];
                    }
                }
            }
        }
    }
    RgbImage::from_raw(h as u32, w as u32, buf).expect("sized buffer")
}

/// The turn before, giving the picture's buffer back as `upright` does.
fn before(src: RgbImage, clockwise: bool) -> RgbImage {
    let turned = tiles32(&src, clockwise);
    pool::give(src.into_raw());
    turned
}

/// kepu's turn, through `upright`, which takes the picture and gives its buffer back.
fn kepu(src: RgbImage, clockwise: bool) -> RgbImage {
    let orientation = if clockwise {
        Orientation::Rotate90
    } else {
        Orientation::Rotate270
    };
    orient::upright(DynamicImage::ImageRgb8(src), orientation).into_rgb8()
}

/// The `image` crate's turn (into a fresh buffer: it takes none).
fn image_crate(src: RgbImage, clockwise: bool) -> RgbImage {
    let turned = if clockwise {
        imageops::rotate90(&src)
    } else {
        imageops::rotate270(&src)
    };
    pool::give(src.into_raw());
    turned
}

/// The picture copied, not turned: what reading and writing 26 MB costs.
fn copy(src: RgbImage, _: bool) -> RgbImage {
    let mut buf = pool::take(src.as_raw().len());
    buf.copy_from_slice(src.as_raw());
    pool::give(src.into_raw());
    RgbImage::from_raw(H, W, buf).expect("sized buffer")
}

/// `REPEAT` copies of `src`, in buffers of the pool.
fn copies(src: &RgbImage) -> Vec<RgbImage> {
    (0..REPEAT)
        .map(|_| {
            let mut buf = pool::take(src.as_raw().len());
            buf.copy_from_slice(src.as_raw());
            RgbImage::from_raw(W, H, buf).expect("sized buffer")
        })
        .collect()
}

/// Processor time this thread has run, in ms.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("schedstat");
    let ns: f64 = stat
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("ns");
    ns / 1e6
}

type Turn = fn(RgbImage, bool) -> RgbImage;

fn main() {
    let src = RgbImage::from_fn(W, H, |x, y| {
        image::Rgb([(x * 7) as u8, ((y * 13) >> 3) as u8, (x ^ y) as u8])
    });
    let turns: [(&str, Turn); 4] = [
        ("32×32 tiles (before)", before),
        ("kepu (blocks of 8×8)", kepu),
        ("image crate", image_crate),
        ("copy, no turn", copy),
    ];
    println!("| turn | clockwise, ms | counter-clockwise, ms |\n|---|---|---|");
    let mut medians = vec![[0.0; 2]; turns.len()];
    for (d, clockwise) in [true, false].into_iter().enumerate() {
        let expected = image_crate(src.clone(), clockwise);
        let mut samples = vec![Vec::new(); turns.len()];
        for _ in 0..SAMPLES {
            for (n, (name, turn)) in turns.iter().enumerate() {
                let pictures = copies(&src);
                let start = cpu_ms();
                let turned: Vec<RgbImage> =
                    pictures.into_iter().map(|p| turn(p, clockwise)).collect();
                samples[n].push((cpu_ms() - start) / REPEAT as f64);
                for picture in turned {
                    assert!(n == 3 || picture == expected, "{name}");
                    pool::give(picture.into_raw());
                }
            }
        }
        for (n, sample) in samples.iter_mut().enumerate() {
            sample.sort_by(f64::total_cmp);
            medians[n][d] = sample[SAMPLES / 2];
        }
    }
    for ((name, _), [cw, ccw]) in turns.iter().zip(&medians) {
        println!("| {name} | {cw:.1} | {ccw:.1} |");
    }
}
