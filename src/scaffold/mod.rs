//! Creates new files for editors: `kepu init` writes a small working site, `kepu new`
//! one page of a given kind with its front matter filled in. Neither ever overwrites
//! a file.

mod archetypes;
mod init;
mod new;

pub use init::init;
pub use new::{NewOptions, new_page};
