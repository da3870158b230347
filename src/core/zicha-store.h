/* zicha-store.h — the offline store: every report, answer and change, in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per user ($XDG_DATA_HOME/zicha/zicha.db), WAL journal,
 * synchronous=FULL: a call that returned TRUE has reached the disk, so a
 * crash or a power cut after it loses nothing (see docs/store.md).
 *
 * Values are JSON (JsonNode); the store does not interpret them. Field paths
 * and row UUIDs are opaque strings chosen by the answers layer; a plain item
 * has no row (NULL).
 *
 * Every edit is its own transaction and is recorded in an append-only change
 * log (who, when, old, new) that drives undo and redo. Reports that are not
 * drafts are frozen by triggers inside the database itself, so no code path
 * can change a finalized report.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zicha-notice.h"
#include "zicha-report.h"

G_BEGIN_DECLS

#define ZICHA_STORE_ERROR (zicha_store_error_quark ())

typedef enum
{
  ZICHA_STORE_ERROR_NOT_A_DATABASE, /* the file is something else */
  ZICHA_STORE_ERROR_CORRUPT,        /* fails PRAGMA quick_check */
  ZICHA_STORE_ERROR_TOO_NEW,        /* written by a newer Zicha */
  ZICHA_STORE_ERROR_LOCKED,         /* another program holds it */
  ZICHA_STORE_ERROR_READ_ONLY,      /* the report is finalized */
  ZICHA_STORE_ERROR_NOT_FOUND,
  ZICHA_STORE_ERROR_INVALID,        /* a request that cannot apply */
  ZICHA_STORE_ERROR_NOTHING_TO_UNDO,
  ZICHA_STORE_ERROR_NOTHING_TO_REDO,
  ZICHA_STORE_ERROR_TOO_LARGE,      /* an attachment over the limit */
  ZICHA_STORE_ERROR_FAILED,         /* SQLite or the disk failed */
} ZichaStoreError;

GQuark zicha_store_error_quark (void);

/* The schema version this build writes (PRAGMA user_version). */
#define ZICHA_STORE_SCHEMA_VERSION 3

/* Evidence files larger than this are refused: the store keeps them inside
 * the database so that one file (and its backups) holds everything. */
#define ZICHA_STORE_MAX_ATTACHMENT_SIZE (64 * 1024 * 1024)

#define ZICHA_TYPE_STORE (zicha_store_get_type ())

G_DECLARE_FINAL_TYPE (ZichaStore, zicha_store, ZICHA, STORE, GObject)

/* $XDG_DATA_HOME/zicha/zicha.db */
char        *zicha_store_default_path      (void);

/* Opens or creates the database. A damaged, foreign, newer or locked file
 * is left exactly as it is and an error says which (see
 * zicha_store_quarantine() and zicha_store_list_backups()). A successful
 * open of an existing file makes a rotating backup first. */
ZichaStore  *zicha_store_open              (const char   *path,
                                            GError      **error);
const char  *zicha_store_get_path          (ZichaStore   *self);

/* The name recorded in the change log; defaults to the login name. */
void         zicha_store_set_author        (ZichaStore   *self,
                                            const char   *author);

/* Reports ------------------------------------------------------------- */

ZichaReport *zicha_store_create_report     (ZichaStore   *self,
                                            const char   *form_id,
                                            const char   *form_version,
                                            const char   *unit_name,
                                            const char   *unit_code,
                                            int           year,
                                            GError      **error);
/* Newest first. */
GPtrArray   *zicha_store_list_reports      (ZichaStore   *self,
                                            GError      **error);
ZichaReport *zicha_store_get_report        (ZichaStore   *self,
                                            const char   *report_uuid,
                                            GError      **error);
gboolean     zicha_store_set_unit          (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *unit_name,
                                            const char   *unit_code,
                                            GError      **error);
/* Drafts only. */
gboolean     zicha_store_delete_report     (ZichaStore   *self,
                                            const char   *report_uuid,
                                            GError      **error);
/* "Copy from last year": a new draft for @year with every answer, row and
 * attachment of the source. Values whose field path is in @review_paths
 * (dates and counts, chosen by the caller from the form) are flagged for
 * review. */
ZichaReport *zicha_store_copy_report       (ZichaStore          *self,
                                            const char          *source_uuid,
                                            int                  year,
                                            const char * const  *review_paths,
                                            GError             **error);
/* A new draft that replaces a finalized report: same unit and year,
 * revision + 1, every answer and attachment carried over. */
ZichaReport *zicha_store_new_revision      (ZichaStore   *self,
                                            const char   *finalized_uuid,
                                            GError      **error);
/* Freezes the report with its digest. The caller has validated it. */
gboolean     zicha_store_finalize_report   (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *digest,
                                            GError      **error);
/* finalized → submitted → acknowledged, for the outbox. */
gboolean     zicha_store_advance_state     (ZichaStore       *self,
                                            const char       *report_uuid,
                                            ZichaReportState  state,
                                            GError          **error);

/* Answers ------------------------------------------------------------- */

/* @value NULL clears the answer. Clears the review flag. Recorded as one
 * change; setting the value it already has records nothing. */
gboolean     zicha_store_set_value         (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *field_path,
                                            const char   *row_uuid,
                                            JsonNode     *value,
                                            GError      **error);
typedef enum
{
  ZICHA_STORE_SET_NONE = 0,
  /* Typing: join the newest undo step when it changed the same field a
   * moment ago, so undo takes back a word, not a keystroke. Each call is
   * still its own durable transaction. */
  ZICHA_STORE_SET_COALESCE = 1 << 0,
} ZichaStoreSetFlags;

/* Seconds within which ZICHA_STORE_SET_COALESCE joins edits. */
#define ZICHA_STORE_COALESCE_SECONDS 3

gboolean     zicha_store_set_value_full    (ZichaStore          *self,
                                            const char          *report_uuid,
                                            const char          *field_path,
                                            const char          *row_uuid,
                                            JsonNode            *value,
                                            ZichaStoreSetFlags   flags,
                                            GError             **error);
/* NULL (without error) when unanswered. */
JsonNode    *zicha_store_get_value         (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *field_path,
                                            const char   *row_uuid,
                                            GError      **error);

typedef void (*ZichaStoreAnswerFunc) (const char *field_path,
                                      const char *row_uuid,
                                      JsonNode   *value,
                                      gboolean    needs_review,
                                      gpointer    user_data);

/* Every answer of the report, ordered by field path then row. */
gboolean     zicha_store_foreach_answer    (ZichaStore            *self,
                                            const char            *report_uuid,
                                            ZichaStoreAnswerFunc   func,
                                            gpointer               user_data,
                                            GError               **error);
gboolean     zicha_store_mark_reviewed     (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *field_path,
                                            const char   *row_uuid,
                                            GError      **error);

/* Rows of repeatable tables --------------------------------------------- */

/* Appends a row; returns its new UUID. */
char        *zicha_store_add_row           (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *table_path,
                                            GError      **error);
/* A copy of the row and all its values right after it; returns its UUID. */
char        *zicha_store_duplicate_row     (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *row_uuid,
                                            GError      **error);
/* Removes the row and its values, as one undoable change. */
gboolean     zicha_store_remove_row        (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *row_uuid,
                                            GError      **error);
/* Row UUIDs of the table in display order. */
GStrv        zicha_store_list_rows         (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *table_path,
                                            GError      **error);

/* History -------------------------------------------------------------- */

/* Until zicha_store_end_undo_step(), the edits of @report_uuid (values,
 * rows) are undone and redone together, as one step: one user action that
 * makes several edits. Each edit is still saved when it is made. Steps do
 * not nest. FALSE when the report is not an editable draft. */
gboolean     zicha_store_begin_undo_step   (ZichaStore   *self,
                                            const char   *report_uuid,
                                            GError      **error);
void         zicha_store_end_undo_step     (ZichaStore   *self);

gboolean     zicha_store_can_undo          (ZichaStore   *self,
                                            const char   *report_uuid);
gboolean     zicha_store_can_redo          (ZichaStore   *self,
                                            const char   *report_uuid);
/* Reverts the newest edit not yet undone. @field_path, if not NULL, gets
 * the field it touched (to move the focus there). */
gboolean     zicha_store_undo              (ZichaStore   *self,
                                            const char   *report_uuid,
                                            char        **field_path,
                                            GError      **error);
gboolean     zicha_store_redo              (ZichaStore   *self,
                                            const char   *report_uuid,
                                            char        **field_path,
                                            GError      **error);

typedef struct
{
  gint64     id;
  gint64     group_id;
  GDateTime *time;
  char      *author;
  char      *kind;        /* "set", "add-row", "remove-row" */
  char      *origin;      /* "edit", "undo", "redo", "copy" */
  char      *field_path;  /* the table path for row changes */
  char      *row_uuid;
  char      *old_value;   /* JSON text or NULL */
  char      *new_value;   /* JSON text or NULL */
} ZichaChange;

void         zicha_change_free             (ZichaChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaChange, zicha_change_free)

/* Oldest first. */
GPtrArray   *zicha_store_list_changes      (ZichaStore   *self,
                                            const char   *report_uuid,
                                            GError      **error);

/* Attachments (evidence files) ----------------------------------------- */

typedef struct
{
  char   *uuid;
  char   *field_path;
  char   *row_uuid;
  char   *file_name;
  char   *media_type;
  gint64  size;
  char   *sha256;     /* lower-case hex */
  GDateTime *added;
} ZichaAttachment;

void         zicha_attachment_free         (ZichaAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaAttachment, zicha_attachment_free)

/* Reads the file into the store; returns the attachment's UUID. */
char        *zicha_store_attach_file       (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *field_path,
                                            const char   *row_uuid,
                                            GFile        *file,
                                            GError      **error);
char        *zicha_store_attach_bytes      (ZichaStore   *self,
                                            const char   *report_uuid,
                                            const char   *field_path,
                                            const char   *row_uuid,
                                            const char   *file_name,
                                            const char   *media_type,
                                            GBytes       *contents,
                                            GError      **error);
GPtrArray   *zicha_store_list_attachments  (ZichaStore   *self,
                                            const char   *report_uuid,
                                            GError      **error);
GBytes      *zicha_store_read_attachment   (ZichaStore   *self,
                                            const char   *attachment_uuid,
                                            GError      **error);
gboolean     zicha_store_remove_attachment (ZichaStore   *self,
                                            const char   *attachment_uuid,
                                            GError      **error);

/* Damage and backups ---------------------------------------------------- */

/* Makes a backup now (sqlite3 backup API) in <dir>/backups/, keeping the
 * newest ZICHA_STORE_BACKUPS_KEPT. Returns its path. Opening the store
 * makes one when the newest is older than ZICHA_STORE_BACKUP_INTERVAL
 * seconds, so a burst of zicha-cli calls does not rotate out yesterday's;
 * finalizing always makes one. */
#define ZICHA_STORE_BACKUPS_KEPT 7
#define ZICHA_STORE_BACKUP_INTERVAL (10 * 60)
char        *zicha_store_backup            (ZichaStore   *self,
                                            GError      **error);
/* Backups of the database at @path, newest first. */
GStrv        zicha_store_list_backups      (const char   *path);
/* Moves a damaged database (with its -wal and -shm) aside to
 * <path>.damaged-<time>, never deleting anything. Returns the new path. */
char        *zicha_store_quarantine        (const char   *path,
                                            GError      **error);
/* Copies @backup_path to @path, which must not exist (quarantine first). */
gboolean     zicha_store_restore_backup    (const char   *backup_path,
                                            const char   *path,
                                            GError      **error);

/* Importing a whole report ------------------------------------------------
 *
 * (zicha-store-import.c) A report made elsewhere, from a .zicha package,
 * keeping the ids it had there: its UUID, its rows' UUIDs, its attachments'
 * UUIDs and metadata. Everything goes in in one transaction, so a failure
 * leaves the database as it was. The report is written as a draft and only
 * then given its state and digest, after which the triggers freeze it like
 * any finalized report. The change log starts empty: the import is not an
 * edit that can be undone.
 */

typedef struct
{
  const char *table_path;   /* "section.table" */
  const char *row_uuid;
} ZichaStoreImportRow;

typedef struct
{
  const char *field_path;   /* as zicha_store_set_value() takes it */
  const char *row_uuid;     /* NULL for a plain item */
  JsonNode   *value;        /* NULL or JSON null: skipped */
} ZichaStoreImportValue;

typedef struct
{
  /* uuid, field_path, row_uuid, file_name, media_type, size, sha256 and
   * added (NULL: now) are kept; size and sha256 must match @contents. */
  const ZichaAttachment *attachment;
  GBytes                *contents;
} ZichaStoreImportAttachment;

typedef struct
{
  const char       *uuid;
  const char       *form_id;
  const char       *form_version;
  const char       *unit_name;
  const char       *unit_code;
  int               year;
  int               revision;
  const char       *based_on_uuid;  /* nullable */
  GDateTime        *created;        /* nullable: now */
  ZichaReportState  state;          /* ZICHA_REPORT_DRAFT or ZICHA_REPORT_FINALIZED */
  GDateTime        *finalized;      /* nullable: now; ignored for drafts */
  const char       *digest;         /* required unless a draft */

  /* Rows of every table; within a table, in display order. */
  const ZichaStoreImportRow        *rows;
  gsize                             n_rows;
  const ZichaStoreImportValue      *values;
  gsize                             n_values;
  const ZichaStoreImportAttachment *attachments;
  gsize                             n_attachments;
} ZichaStoreImport;

/* Fails with ZICHA_STORE_ERROR_INVALID when a report with that UUID or an
 * attachment with one of those UUIDs is already in the store (the caller
 * decides whether that is the same report), and when a field is out of
 * range; ZICHA_STORE_ERROR_TOO_LARGE for an attachment over the limit. */
ZichaReport *zicha_store_import_report     (ZichaStore              *self,
                                            const ZichaStoreImport  *import,
                                            GError                 **error);

/* The outbox and the platform's receipts -----------------------------------
 *
 * (zicha-store-outbox.c) Finalized reports waiting to be delivered to the
 * platform, and the receipts (回执) it gave for them. ZichaSync is the only
 * writer; the UI reads these to show what is queued, waiting or refused.
 * Every call is one transaction. Times are UTC, to the second.
 */

typedef struct
{
  char       *report_uuid;
  GDateTime  *queued_at;
  guint       attempts;
  GDateTime  *next_attempt_at;    /* NULL: due now */
  GDateTime  *last_attempt_at;    /* NULL: never tried */
  int         last_status;        /* HTTP status of the last answer, 0 if none */
  char       *last_error_code;    /* the platform's error code, or "network",
                                   * "protocol", "certificate", "package";
                                   * NULL after no error */
  char       *last_error;         /* for people: the platform's English message
                                   * or our own translated one */
  char       *last_error_zh;      /* the platform's Chinese message, if any */
  gboolean    permanent_failure;  /* no automatic retries */
} ZichaOutboxEntry;

void               zicha_outbox_entry_free          (ZichaOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaOutboxEntry, zicha_outbox_entry_free)
/* The message to show: last_error_zh for a Chinese locale when there is
 * one, else last_error; NULL after no error. */
const char        *zicha_outbox_entry_get_message   (const ZichaOutboxEntry *entry);

/* The outcome of one delivery attempt. */
typedef struct
{
  GDateTime  *attempted_at;       /* NULL: now */
  GDateTime  *next_attempt_at;    /* NULL: due again at once (ignored when permanent) */
  gboolean    permanent;
  int         status;             /* HTTP status or 0 */
  const char *code;               /* nullable */
  const char *message;            /* nullable */
  const char *message_zh;         /* nullable */
} ZichaOutboxAttempt;

typedef struct
{
  char       *report_uuid;
  char       *unit_name;
  char       *unit_code;
  int         year;
  int         revision;
  char       *number;             /* ZP-20190709-4QH7K2M9X3TD */
  GDateTime  *received_at;        /* by the platform's clock */
  char       *digest;
  char       *body;               /* the receipt JSON exactly as received */
} ZichaReceipt;

void               zicha_receipt_free               (ZichaReceipt *receipt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaReceipt, zicha_receipt_free)

/* Queues a finalized report (it becomes submitted). Queuing one that is
 * already queued changes nothing. A draft, or a report that already has
 * its receipt, is ZICHA_STORE_ERROR_INVALID. */
gboolean           zicha_store_enqueue_report       (ZichaStore               *self,
                                                     const char               *report_uuid,
                                                     GError                  **error);
/* Every queued report (ZichaOutboxEntry), oldest first. */
GPtrArray         *zicha_store_list_outbox          (ZichaStore               *self,
                                                     GError                  **error);
/* Those to send at @now: not failed permanently, next attempt not later
 * than @now; oldest first. */
GPtrArray         *zicha_store_list_due             (ZichaStore               *self,
                                                     GDateTime                *now,
                                                     GError                  **error);
/* NULL with ZICHA_STORE_ERROR_NOT_FOUND when the report is not queued. */
ZichaOutboxEntry  *zicha_store_get_outbox_entry     (ZichaStore               *self,
                                                     const char               *report_uuid,
                                                     GError                  **error);
/* The earliest time an entry comes due (its next attempt, or when it was
 * queued), or NULL (without error) when nothing will be retried. */
GDateTime         *zicha_store_get_next_due         (ZichaStore               *self,
                                                     GError                  **error);
/* Counts the attempt and records its outcome. */
gboolean           zicha_store_record_attempt       (ZichaStore               *self,
                                                     const char               *report_uuid,
                                                     const ZichaOutboxAttempt *attempt,
                                                     GError                  **error);
/* The user asks to try again: clears a permanent failure; due at once. */
gboolean           zicha_store_retry_outbox_entry   (ZichaStore               *self,
                                                     const char               *report_uuid,
                                                     GError                  **error);

/* Stores the platform's receipt for a submitted (or finalized) report and
 * marks it acknowledged; the report leaves the outbox. @body is the JSON
 * as received. @digest must be the report's; storing the same receipt
 * again changes nothing, another one for the same report is
 * ZICHA_STORE_ERROR_INVALID. */
gboolean           zicha_store_add_receipt          (ZichaStore               *self,
                                                     const char               *report_uuid,
                                                     const char               *number,
                                                     GDateTime                *received_at,
                                                     const char               *digest,
                                                     const char               *body,
                                                     GError                  **error);
/* NULL with ZICHA_STORE_ERROR_NOT_FOUND when the report has none. */
ZichaReceipt      *zicha_store_get_receipt          (ZichaStore               *self,
                                                     const char               *report_uuid,
                                                     GError                  **error);
/* Every receipt (ZichaReceipt), newest first. */
GPtrArray         *zicha_store_list_receipts        (ZichaStore               *self,
                                                     GError                  **error);

/* Threat notices, feedback and the platform's clock ------------------------
 *
 * (zicha-store-notices.c) The platform's threat notices as last fetched,
 * the rectification feedback (整改反馈) the unit made for them with its
 * evidence, waiting in an outbox of its own (the same delivery guarantees
 * as reports) until the platform's receipt is stored, and what the sync
 * learnt about the platform: the offset of its clock and the unit code.
 * ZichaSync writes the notices, the offset and the receipts; the UI and
 * the CLI make feedback and read the rest. Every call is one transaction.
 */


/* Stores a notice as the platform sent it, keyed by its id: new, or newer
 * (another updated_at or state) than the one stored. @changed (nullable)
 * says whether anything changed. */
gboolean           zicha_store_save_notice          (ZichaStore               *self,
                                                     ZichaNotice              *notice,
                                                     GDateTime                *fetched_at,
                                                     gboolean                 *changed,
                                                     GError                  **error);
/* Every notice (ZichaNotice*), the earliest deadline first. */
GPtrArray         *zicha_store_list_notices         (ZichaStore               *self,
                                                     GError                  **error);
/* By id or an unambiguous prefix of at least 4 characters;
 * ZICHA_STORE_ERROR_NOT_FOUND, or _INVALID when the prefix is ambiguous. */
ZichaNotice       *zicha_store_get_notice           (ZichaStore               *self,
                                                     const char               *id_or_prefix,
                                                     GError                  **error);
/* The UI reminded the user (GNotification) at @at (platform time). */
gboolean           zicha_store_set_notice_reminded  (ZichaStore               *self,
                                                     const char               *notice_id,
                                                     GDateTime                *at,
                                                     GError                  **error);

/* The platform's clock minus the local one, from the Date header of the
 * last answer (zicha_sync_get_clock_offset()). Kept across restarts.
 * FALSE (without error) when there never was an answer. */
gboolean           zicha_store_set_clock_offset     (ZichaStore               *self,
                                                     GTimeSpan                 offset,
                                                     GError                  **error);
gboolean           zicha_store_get_clock_offset     (ZichaStore               *self,
                                                     GTimeSpan                *offset,
                                                     GError                  **error);
/* @local_now (NULL: the local clock) plus the stored offset (none: 0):
 * what the 72-hour deadlines are counted against. */
GDateTime         *zicha_store_get_platform_now     (ZichaStore               *self,
                                                     GDateTime                *local_now);
/* Small values the sync keeps: "unit_code" (the unit the platform knows
 * the token by), "notices_since" (the cursor of GET /notices). NULL
 * without error when unset. */
char              *zicha_store_get_platform_value   (ZichaStore               *self,
                                                     const char               *name,
                                                     GError                  **error);
gboolean           zicha_store_set_platform_value   (ZichaStore               *self,
                                                     const char               *name,
                                                     const char               *value,
                                                     GError                  **error);

typedef enum
{
  ZICHA_FEEDBACK_QUEUED,        /* waiting to be delivered */
  ZICHA_FEEDBACK_ACKNOWLEDGED,  /* the platform's receipt is stored */
} ZichaFeedbackState;

typedef struct
{
  char               *uuid;
  char               *notice_id;
  char               *unit_code;
  GDateTime          *created;           /* when the user finished it (local clock) */
  gboolean            rectified;         /* FALSE: still in progress */
  GDateTime          *completed_at;      /* when it was fixed; NULL if not */
  char               *measures;          /* 整改措施 */
  char               *responsible;       /* 责任人 */
  char               *phone;             /* may be "" */
  char               *retest_result;     /* 复测结果 */
  char               *digest;            /* SHA-256 of feedback.json */
  ZichaFeedbackState  state;

  /* The outbox, as for reports (ZichaOutboxEntry). */
  GDateTime          *queued_at;
  guint               attempts;
  GDateTime          *next_attempt_at;
  GDateTime          *last_attempt_at;
  int                 last_status;
  char               *last_error_code;
  char               *last_error;
  char               *last_error_zh;
  gboolean            permanent_failure;

  /* The receipt, once acknowledged. */
  char               *receipt_number;
  GDateTime          *received_at;       /* by the platform's clock */
  gboolean            late;              /* received after the deadline */
  char               *receipt;           /* the JSON exactly as received */
} ZichaFeedback;

void               zicha_feedback_free              (ZichaFeedback *feedback);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaFeedback, zicha_feedback_free)
/* The message of the last failed attempt, as zicha_outbox_entry_get_message(). */
const char        *zicha_feedback_get_message       (const ZichaFeedback *feedback);

typedef struct
{
  const char         *notice_id;         /* a stored notice */
  const char         *unit_code;         /* NULL: the "unit_code" platform value, else the newest report's */
  gboolean            rectified;
  GDateTime          *completed_at;      /* nullable */
  const char         *measures;          /* required */
  const char         *responsible;       /* required */
  const char         *phone;             /* nullable */
  const char         *retest_result;     /* required */
  GFile * const      *evidence;          /* NULL-terminated, nullable */
} ZichaFeedbackRequest;

/* Makes the feedback (a new UUID, its evidence read into the store, its
 * digest fixed) and queues it, in one transaction. Returns its UUID.
 * ZICHA_STORE_ERROR_INVALID for a missing field, an unknown or withdrawn
 * notice, or no unit code; _TOO_LARGE for evidence over the limit. */
char              *zicha_store_add_feedback         (ZichaStore                 *self,
                                                     const ZichaFeedbackRequest *request,
                                                     GError                    **error);
ZichaFeedback     *zicha_store_get_feedback         (ZichaStore               *self,
                                                     const char               *feedback_uuid,
                                                     GError                  **error);
/* For one notice (@notice_id) or all (NULL), oldest first. */
GPtrArray         *zicha_store_list_feedback        (ZichaStore               *self,
                                                     const char               *notice_id,
                                                     GError                  **error);
/* The evidence of a feedback (ZichaAttachment*, field_path ""), and its bytes. */
GPtrArray         *zicha_store_list_feedback_attachments (ZichaStore          *self,
                                                     const char               *feedback_uuid,
                                                     GError                  **error);
GBytes            *zicha_store_read_feedback_attachment  (ZichaStore          *self,
                                                     const char               *attachment_uuid,
                                                     GError                  **error);
/* Queued feedback to send at @now (NULL: every one not failed for good). */
GPtrArray         *zicha_store_list_due_feedback    (ZichaStore               *self,
                                                     GDateTime                *now,
                                                     GError                  **error);
/* The earliest time a queued feedback comes due, or NULL (no error). */
GDateTime         *zicha_store_get_next_feedback_due (ZichaStore              *self,
                                                     GError                  **error);
gboolean           zicha_store_record_feedback_attempt (ZichaStore             *self,
                                                     const char               *feedback_uuid,
                                                     const ZichaOutboxAttempt *attempt,
                                                     GError                  **error);
/* Clears a permanent failure; due at once. @code non-NULL: only when the
 * last error had that code ("unauthorized", "certificate"). */
gboolean           zicha_store_retry_feedback       (ZichaStore               *self,
                                                     const char               *feedback_uuid,
                                                     const char               *code,
                                                     GError                  **error);
/* Stores the platform's receipt; the feedback leaves the outbox and an
 * open notice becomes answered. The same receipt again changes nothing;
 * another one is ZICHA_STORE_ERROR_INVALID. */
gboolean           zicha_store_add_feedback_receipt (ZichaStore               *self,
                                                     const char               *feedback_uuid,
                                                     const char               *number,
                                                     GDateTime                *received_at,
                                                     gboolean                  late,
                                                     const char               *body,
                                                     GError                  **error);

G_END_DECLS
