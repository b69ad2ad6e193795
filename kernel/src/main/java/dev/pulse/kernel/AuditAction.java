package dev.pulse.kernel;

/**
 * What an audit entry records; the name is what the log stores and what its "what" filter matches
 * (by prefix, so {@code CASE_} finds every case change). Names are a public contract: add, never rename.
 */
public enum AuditAction {
    SIGN_IN,
    SIGN_OUT,
    API_KEY_CREATE,
    API_KEY_REVOKE,
    ACCOUNT_CREATE,
    ACCOUNT_DELETE,
    ACCOUNT_ROLE_CHANGE,
    ACCOUNT_PASSWORD_RESET,
    PASSWORD_CHANGE,
    EMBED_APP_REGISTER,
    EMBED_APP_REMOVE,
    EMBED_EXCHANGE,
    SQL_RUN,
    EXPORT,
    REPORT_RUN,
    REPORT_RERUN,
    REPORT_DOWNLOAD,
    SCHEDULE_CREATE,
    SCHEDULE_UPDATE,
    SCHEDULE_DELETE,
    CASE_ASSIGN,
    CASE_NOTE,
    CASE_CONTACTED,
    CASE_RESOLVE,
    CASE_OWNER_SET,
    SURVEY_CREATE,
    SURVEY_UPDATE,
    SURVEY_ACTIVATE,
    SURVEY_CLOSE,
    /** Reserved: erasure of a person's data does not exist yet; its entries will carry this name. */
    ERASURE,
    /** An authenticated caller was refused a route or method (403). */
    ACCESS_DENIED
}
