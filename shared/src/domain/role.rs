//! Roles a user holds inside their company.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Company settings, users, erasure.
    Admin,
    /// Contracts and documents.
    Editor,
    /// Read-only access to contracts.
    Viewer,
    /// Audit log and reports.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Viewer, Role::Auditor];

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Some(Role::Admin),
            "editor" => Some(Role::Editor),
            "viewer" => Some(Role::Viewer),
            "auditor" => Some(Role::Auditor),
            _ => None,
        }
    }

    /// Parses the comma-separated `custom:roles` claim; unknown names are ignored so a role
    /// added later never grants anything to an older function.
    pub fn parse_list(s: &str) -> Vec<Role> {
        let mut roles: Vec<Role> = s.split(',').filter_map(Role::parse).collect();
        roles.dedup();
        roles
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
            Role::Auditor => "auditor",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who may do what. Each handler names one of these, so the rule lives in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReadContracts,
    WriteContracts,
    ReadAudit,
    ReadSettings,
    WriteSettings,
    /// Invite, change, deactivate and delete users; configure SSO.
    ManageUsers,
    /// List, read and download documents.
    ReadDocuments,
    /// Upload documents.
    WriteDocuments,
    /// Delete a document and its files for good.
    DeleteDocuments,
    /// Interest and currency rates: public market data, read by every role.
    ReadRates,
    /// Order, list, read and download period reports: the accounts' figures, for those who
    /// book or check them (API.md "Reports": admin, editor, auditor; not viewer).
    Reports,
    /// Export everything the company holds (issue 11, GDPR Art. 20): admins only.
    ExportCompany,
}

impl Permission {
    pub fn allowed_roles(self) -> &'static [Role] {
        match self {
            Permission::ReadContracts
            | Permission::ReadSettings
            | Permission::ReadDocuments
            | Permission::ReadRates => &Role::ALL,
            Permission::WriteContracts | Permission::WriteDocuments => &[Role::Admin, Role::Editor],
            Permission::ReadAudit => &[Role::Admin, Role::Auditor],
            Permission::Reports => &[Role::Admin, Role::Editor, Role::Auditor],
            Permission::WriteSettings
            | Permission::ManageUsers
            | Permission::DeleteDocuments
            | Permission::ExportCompany => &[Role::Admin],
        }
    }

    pub fn granted_to(self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.allowed_roles().contains(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_claim_is_split_on_commas_and_unknown_names_are_dropped() {
        assert_eq!(
            Role::parse_list("admin, auditor,superuser"),
            vec![Role::Admin, Role::Auditor]
        );
    }

    #[test]
    fn viewer_and_auditor_cannot_write_contracts() {
        assert!(!Permission::WriteContracts.granted_to(&[Role::Viewer, Role::Auditor]));
        assert!(Permission::WriteContracts.granted_to(&[Role::Editor]));
    }

    #[test]
    fn reports_are_for_admin_editor_and_auditor_never_viewer() {
        for role in [Role::Admin, Role::Editor, Role::Auditor] {
            assert!(Permission::Reports.granted_to(&[role]), "{role}");
        }
        assert!(!Permission::Reports.granted_to(&[Role::Viewer]));
    }

    #[test]
    fn only_admin_and_auditor_read_the_audit_log() {
        assert!(Permission::ReadAudit.granted_to(&[Role::Auditor]));
        assert!(Permission::ReadAudit.granted_to(&[Role::Admin]));
        assert!(!Permission::ReadAudit.granted_to(&[Role::Editor, Role::Viewer]));
    }
}
