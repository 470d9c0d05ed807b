//! The one integration test binary: each module builds tiny fixture sites with the
//! real `kepu` binary and asserts on exactly the output it is about.

mod events;
