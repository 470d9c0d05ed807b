//! Values a command is done with, handed up to `main` so that the process can end
//! without freeing them: handing the memory back piece by piece (every page, value and
//! output file) cost 6 % of a 10,000-page build, and the page values of the render
//! another 3 %, for nothing. `main` is the one place that drops them unfreed.

use std::any::Any;

/// Values kept until the process exits (see the module documentation).
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn Any + Send>>);

impl Leftovers {
    /// Keeps `value` until the process exits.
    pub fn keep<T: Any + Send>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }

    /// Adds everything `other` keeps.
    pub fn extend(&mut self, other: Leftovers) {
        self.0.extend(other.0);
    }
}

impl std::fmt::Debug for Leftovers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Leftovers({} values)", self.0.len())
    }
}

/// How a command ended: its exit status, and what it leaves for the exit.
#[derive(Debug)]
pub struct Ended {
    /// The exit status.
    pub status: std::process::ExitCode,
    /// Values the process may end without freeing.
    pub leftovers: Leftovers,
}

impl From<std::process::ExitCode> for Ended {
    fn from(status: std::process::ExitCode) -> Ended {
        Ended {
            status,
            leftovers: Leftovers::default(),
        }
    }
}
