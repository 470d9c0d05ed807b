//! kepu's integration tests: one test binary, one tiny fixture site per test.
//!
//! Each test writes the few files it needs into a temporary folder (see
//! [`support::Site`]), runs the real `kepu` binary on it, and asserts the exact slice
//! of output or standard error it is about. Tests that show a known bug of `src/` are

mod build;
mod errors;
mod init;
mod markdown;
mod output;
mod search;
mod sections;
mod serve;
mod support;
mod templates;
