//! Where `kepu deploy` finds the object store's access key: the environment first,
//! then the standard AWS credentials file. Never site.toml (see `config::deploy`).
//!
//! A leaf of `deploy`. The variable pairs tried, in order: `AWS_ACCESS_KEY_ID` /
//! `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN`; what every S3 tool reads),
//! `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (Aliyun's tools),
//! `OSS_ACCESS_KEY_ID` / `OSS_ACCESS_KEY_SECRET` (ossutil), `TENCENTCLOUD_SECRET_ID` /
//! `TENCENTCLOUD_SECRET_KEY` (Tencent Cloud's tools). The file is
//! `$AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`, profile `$AWS_PROFILE` or
//! `default`.

use std::path::PathBuf;

use super::sigv4::Credentials;

/// The environment variable pairs tried, in order: (key id, secret).
pub const ENV_PAIRS: [(&str, &str); 4] = [
    ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
    (
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    ),
    ("OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET"),
    ("TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"),
];

/// The credentials of this run, or `None` when neither the environment nor the
/// credentials file has any.
pub fn find(env: impl Fn(&str) -> Option<String>) -> Option<Credentials> {
    let get = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    for (id, secret) in ENV_PAIRS {
        if let (Some(key_id), Some(secret)) = (get(id), get(secret)) {
            return Some(Credentials {
                key_id: key_id.trim().to_string(),
                secret: secret.trim().to_string(),
                token: get("AWS_SESSION_TOKEN").filter(|_| id.starts_with("AWS")),
            });
        }
    }
    let path = get("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| get("HOME").map(|h| PathBuf::from(h).join(".aws").join("credentials")))?;
    let text = std::fs::read_to_string(path).ok()?;
    let profile = get("AWS_PROFILE").unwrap_or_else(|| "default".to_string());
    from_file(&text, &profile)
}

/// The credentials of `profile` in the text of an AWS credentials file (INI).
pub fn from_file(text: &str, profile: &str) -> Option<Credentials> {
    let mut in_profile = false;
    let (mut key_id, mut secret, mut token) = (None, None, None);
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_profile = name.trim() == profile;
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if !in_profile {
            continue;
        }
        let value = Some(value.trim().to_string());
        match key.trim() {
            "aws_access_key_id" => key_id = value,
            "aws_secret_access_key" => secret = value,
            "aws_session_token" => token = value,
            _ => {}
        }
    }
    Some(Credentials {
        key_id: key_id?,
        secret: secret?,
        token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_comes_first_then_aliyun_and_tencent_names() {
        let env = |name: &str| match name {
            "TENCENTCLOUD_SECRET_ID" => Some("AKID".to_string()),
            "TENCENTCLOUD_SECRET_KEY" => Some("s3cret".to_string()),
            _ => None,
        };
        let c = find(env).unwrap();
        assert_eq!((c.key_id.as_str(), c.secret.as_str()), ("AKID", "s3cret"));
    }

    #[test]
    fn the_file_gives_the_named_profile() {
        let text = "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n[site]\naws_access_key_id=C\naws_secret_access_key=D\n";
        let c = from_file(text, "site").unwrap();
        assert_eq!((c.key_id.as_str(), c.secret.as_str()), ("C", "D"));
        assert!(from_file(text, "other").is_none());
    }
}
