//! Paged reads in storage terms: how many items, and the key to continue after. The HTTP layer
//! turns its opaque cursor into this; storage knows nothing of requests or cursors.

use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::{BTreeMap, HashMap};

use super::store::{Item, s};

/// A DynamoDB key of string attributes (every key of our tables is strings), ordered so its
/// encoding is stable.
pub type KeyMap = BTreeMap<String, String>;

/// One page to read: at most `limit` items, starting after `start` (the previous page's last
/// evaluated key) when given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: i32,
    pub start: Option<KeyMap>,
}

pub fn to_item_key(key: &KeyMap) -> Item {
    key.iter().map(|(k, v)| (k.clone(), s(v.clone()))).collect()
}

pub fn to_key_map(item: &HashMap<String, AttributeValue>) -> KeyMap {
    item.iter()
        .filter_map(|(k, v)| v.as_s().ok().map(|v| (k.clone(), v.clone())))
        .collect()
}
