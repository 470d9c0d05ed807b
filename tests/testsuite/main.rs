//! kepu's one integration test binary: each module builds tiny fixture sites with the
//! real `kepu` executable and asserts exact slices of what it writes.

mod publishing;
