//! `[deploy]` of site.toml: where `kepu deploy` sends the built site, checked once.
//!
//! Part of the first stage, [`super::Config::parse`]. [`RawDeploy`] mirrors the table;
//! [`deploy_config`] turns it into a [`DeployConfig`] with an [`S3Target`] (an
//! S3-compatible object store: Aliyun OSS, Tencent COS, AWS S3, R2, MinIO…) and a
//! [`GitTarget`] (a branch of a Git remote, for GitHub/Gitee/GitLab Pages). Keys that
//! hold secrets are named here only so that writing one into site.toml is an error at
//! its line: credentials come from the environment or `~/.aws/credentials`, never from
//! a file that is committed with the site.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostics, Msg};
use crate::toml_diag::TomlOrigin;

/// `[deploy]` as written.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeploy {
    #[serde(default)]
    endpoint: Option<Spanned<String>>,
    #[serde(default)]
    bucket: Option<Spanned<String>>,
    #[serde(default)]
    prefix: Option<Spanned<String>>,
    #[serde(default)]
    region: Option<Spanned<String>>,
    #[serde(default)]
    path_style: Option<bool>,
    #[serde(default)]
    max_delete: Option<Spanned<i64>>,
    #[serde(default)]
    remote: Option<Spanned<String>>,
    #[serde(default)]
    branch: Option<Spanned<String>>,
    // Never allowed: present only to give a clear error at their line.
    #[serde(default)]
    access_key_id: Option<Spanned<toml::Value>>,
    #[serde(default)]
    secret_access_key: Option<Spanned<toml::Value>>,
    #[serde(default)]
    access_key: Option<Spanned<toml::Value>>,
    #[serde(default)]
    secret_key: Option<Spanned<toml::Value>>,
    #[serde(default)]
    access_key_secret: Option<Spanned<toml::Value>>,
    #[serde(default)]
    secret_id: Option<Spanned<toml::Value>>,
    #[serde(default)]
    session_token: Option<Spanned<toml::Value>>,
}

/// Where and how `kepu deploy` publishes the site (`[deploy]` of site.toml).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeployConfig {
    /// The object store, when `endpoint` and `bucket` are written.
    pub s3: Option<S3Target>,
    /// The Git remote for `kepu deploy git`, when `remote` is written.
    pub git: Option<GitTarget>,
}

/// An S3-compatible bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Target {
    /// `https://oss-cn-shenzhen.aliyuncs.com`, without a trailing slash.
    pub endpoint: String,
    /// The bucket name.
    pub bucket: String,
    /// Folder inside the bucket, without slashes at either end (`""`: the whole bucket).
    pub prefix: String,
    /// The signing region (`cn-shenzhen`; default `us-east-1`).
    pub region: String,
    /// Address the bucket as `endpoint/bucket/key` instead of `bucket.endpoint/key`.
    pub path_style: bool,
    /// Most objects `--delete` removes without `--force`.
    pub max_delete: usize,
}

/// A branch of a Git remote that holds the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitTarget {
    /// Anything `git push` accepts: a URL or a path.
    pub remote: String,
    /// The branch (default `gh-pages`).
    pub branch: String,
}

/// The safety limit of `--delete` when `max_delete` is not written.
pub const DEFAULT_MAX_DELETE: usize = 100;

/// Validates `[deploy]`; every problem becomes a diagnostic at its line.
pub(super) fn deploy_config(
    raw: RawDeploy,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> DeployConfig {
    refuse_credentials(&raw, origin, diags);
    DeployConfig {
        s3: s3_target(&raw, origin, diags),
        git: git_target(&raw, origin, diags),
    }
}

/// The object store, when both `endpoint` and `bucket` are written.
fn s3_target(
    raw: &RawDeploy,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<S3Target> {
    let endpoint = raw
        .endpoint
        .as_ref()
        .map(|e| checked_endpoint(e, origin, diags));
    let bucket = raw
        .bucket
        .as_ref()
        .map(|b| checked_bucket(b, origin, diags));
    let (Some(endpoint), Some(bucket)) = (endpoint, bucket) else {
        one_without_other(raw, origin, diags);
        return None;
    };
    Some(S3Target {
        path_style: raw.path_style.unwrap_or_else(|| is_local_host(&endpoint)),
        endpoint,
        bucket,
        prefix: raw.prefix.as_ref().map_or(String::new(), |p| {
            p.get_ref().trim().trim_matches('/').to_string()
        }),
        region: raw
            .region
            .as_ref()
            .map_or("us-east-1".to_string(), |r| r.get_ref().trim().to_string()),
        max_delete: max_delete(&raw.max_delete, origin, diags),
    })
}

/// An error for an `endpoint` without a `bucket`, or a `bucket` without an `endpoint`.
fn one_without_other(raw: &RawDeploy, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) {
    match (&raw.endpoint, &raw.bucket) {
        (Some(endpoint), None) => diags.push(
            origin
                .error_at(endpoint.span().start, Msg::EndpointWithoutBucket)
                .with_help(Msg::BucketHelp),
        ),
        (None, Some(bucket)) => diags.push(
            origin
                .error_at(bucket.span().start, Msg::BucketWithoutEndpoint)
                .with_help(Msg::EndpointHelp),
        ),
        _ => {}
    }
}

/// An error at every key of `[deploy]` that holds a secret.
fn refuse_credentials(raw: &RawDeploy, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) {
    let secrets = [
        ("access_key_id", &raw.access_key_id),
        ("secret_access_key", &raw.secret_access_key),
        ("access_key", &raw.access_key),
        ("secret_key", &raw.secret_key),
        ("access_key_secret", &raw.access_key_secret),
        ("secret_id", &raw.secret_id),
        ("session_token", &raw.session_token),
    ];
    for (key, value) in secrets {
        if let Some(value) = value {
            diags.push(
                origin
                    .error_at(
                        value.span().start,
                        Msg::SecretInConfig {
                            key: key.to_string(),
                        },
                    )
                    .with_help(Msg::SecretHelp),
            );
        }
    }
}

/// `endpoint` without a trailing slash; an error unless it is a web address.
fn checked_endpoint(
    endpoint: &Spanned<String>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> String {
    let url = endpoint.get_ref().trim().trim_end_matches('/').to_string();
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    if host.is_none_or(|h| h.is_empty() || h.contains(['/', ' ', '?', '#'])) {
        diags.push(
            origin
                .error_at(
                    endpoint.span().start,
                    Msg::NotObjectStore {
                        url: url.to_string(),
                    },
                )
                .with_help(Msg::EndpointFormatHelp),
        );
    }
    url
}

/// `bucket`; an error unless it is a valid bucket name (3–63 of a-z, 0-9, `-`, `.`).
fn checked_bucket(
    bucket: &Spanned<String>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> String {
    let name = bucket.get_ref().trim().to_string();
    let valid = (3..=63).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !name.starts_with(['-', '.'])
        && !name.ends_with(['-', '.']);
    if !valid {
        diags.push(
            origin
                .error_at(
                    bucket.span().start,
                    Msg::NotBucketName {
                        name: name.to_string(),
                    },
                )
                .with_help(Msg::BucketNameHelp),
        );
    }
    name
}

/// `max_delete`: a whole number of 0 or more (default [`DEFAULT_MAX_DELETE`]).
fn max_delete(
    value: &Option<Spanned<i64>>,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> usize {
    match value {
        None => DEFAULT_MAX_DELETE,
        Some(v) if *v.get_ref() >= 0 => *v.get_ref() as usize,
        Some(v) => {
            diags.push(
                origin
                    .error_at(v.span().start, Msg::NegativeMaxDelete)
                    .with_help(Msg::MaxDeleteHelp),
            );
            DEFAULT_MAX_DELETE
        }
    }
}

/// `remote` and `branch`, when a remote is written.
fn git_target(
    raw: &RawDeploy,
    origin: &TomlOrigin<'_>,
    diags: &mut Diagnostics,
) -> Option<GitTarget> {
    let branch = branch(raw, origin, diags);
    let remote = raw.remote.as_ref()?;
    let url = remote.get_ref().trim().to_string();
    if url.is_empty() || url.starts_with('-') || url.contains(char::is_whitespace) {
        diags.push(
            origin
                .error_at(
                    remote.span().start,
                    Msg::NotGitRemote {
                        url: url.to_string(),
                    },
                )
                .with_help(Msg::RemoteHelp),
        );
    }
    Some(GitTarget {
        remote: url,
        branch,
    })
}

/// `branch`, `gh-pages` when not written; an error unless it is a branch name.
fn branch(raw: &RawDeploy, origin: &TomlOrigin<'_>, diags: &mut Diagnostics) -> String {
    let branch = raw
        .branch
        .as_ref()
        .map_or("gh-pages".to_string(), |b| b.get_ref().trim().to_string());
    if let Some(b) = &raw.branch
        && !is_branch_name(&branch)
    {
        diags.push(
            origin
                .error_at(
                    b.span().start,
                    Msg::NotBranchName {
                        name: branch.to_string(),
                    },
                )
                .with_help(Msg::BranchHelp),
        );
    }
    branch
}

/// A loose check of a Git branch name: no spaces, no `..`, no leading `-`.
fn is_branch_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['-', '/'])
        && !name.ends_with(['/', '.'])
        && !name.contains("..")
        && !name.contains(|c: char| c.is_whitespace() || "~^:?*[\\".contains(c))
}

/// Whether an endpoint names this machine or an IP address (MinIO, a test server),
/// where buckets are addressed by path since there is no DNS name per bucket.
fn is_local_host(endpoint: &str) -> bool {
    let host = endpoint
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    host == "localhost" || host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[')
}
