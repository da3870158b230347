/* zicha-platform-storage.h — what the platform keeps, behind an interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Units and the hashes of their tokens, submissions (the package bytes as
 * received, with their receipt), threat notices and the receipt key. The
 * one implementation is ZichaPlatformSqlite; a PostgreSQL one for
 * stateless servers behind a load balancer implements the same methods
 * (docs/platform-api.md, "The reference server").
 *
 * Every method may be called from any thread: implementations serialize
 * what needs it. Submissions are keyed by (unit, report UUID):
 * add_submission() either inserts or returns the submission already
 * there, atomically, so two deliveries of one report racing each other
 * store one row.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZICHA_PLATFORM_STORAGE_ERROR (zicha_platform_storage_error_quark ())

typedef enum
{
  ZICHA_PLATFORM_STORAGE_ERROR_FAILED,
  ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND,
  ZICHA_PLATFORM_STORAGE_ERROR_EXISTS,     /* a unit with that code, a receipt number taken */
  ZICHA_PLATFORM_STORAGE_ERROR_BUSY,       /* try again later */
  ZICHA_PLATFORM_STORAGE_ERROR_TOO_NEW,    /* written by a newer zicha-platform */
} ZichaPlatformStorageError;

GQuark zicha_platform_storage_error_quark (void);

typedef struct
{
  gint64  id;
  char   *code;  /* 统一社会信用代码, normalized */
  char   *name;
} ZichaPlatformUnit;

void                     zicha_platform_unit_free       (ZichaPlatformUnit *unit);
ZichaPlatformUnit       *zicha_platform_unit_copy       (const ZichaPlatformUnit *unit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPlatformUnit, zicha_platform_unit_free)

typedef struct
{
  gint64  unit_id;
  char   *unit_code;       /* filled in when read back */
  char   *report_uuid;
  char   *digest;
  char   *form_id;
  guint   form_version;
  int     revision;
  int     year;
  char   *received_at;     /* ISO 8601 UTC */
  gint64  package_size;
  char   *package_sha256;
  char   *receipt_number;
  char   *receipt;         /* the receipt JSON, byte for byte as answered */
} ZichaPlatformSubmission;

void                     zicha_platform_submission_free (ZichaPlatformSubmission *submission);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPlatformSubmission, zicha_platform_submission_free)

typedef struct
{
  char   *id;              /* UUID */
  char   *detected_at;     /* ISO 8601 UTC */
  char   *target;
  char   *type;
  char   *severity;
  char   *description;
  char   *state;           /* open, answered, resolved, withdrawn */
  char   *updated_at;
  /* Filled in when read back (list_all_notices, get_notice); ignored by
   * add_notice. */
  gint64  unit_id;
  char   *unit_code;
  char   *answered_at;     /* the first accepted feedback, or NULL */
  int     late;            /* -1: not answered; 0 on time; 1 late */
} ZichaPlatformNotice;

void                     zicha_platform_notice_free     (ZichaPlatformNotice *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPlatformNotice, zicha_platform_notice_free)

/* Feedback on a notice, keyed by (unit, feedback UUID). */
typedef struct
{
  gint64    unit_id;
  char     *notice_id;       /* the notice's UUID */
  char     *feedback_uuid;
  char     *digest;          /* SHA-256 of feedback.json */
  gboolean  rectified;
  char     *received_at;     /* ISO 8601 UTC */
  gboolean  late;
  gint64    package_size;
  char     *package_sha256;
  char     *receipt_number;
  char     *receipt;         /* the receipt JSON, byte for byte as answered */
} ZichaPlatformFeedback;

void                     zicha_platform_feedback_free   (ZichaPlatformFeedback *feedback);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPlatformFeedback, zicha_platform_feedback_free)

#define ZICHA_TYPE_PLATFORM_STORAGE (zicha_platform_storage_get_type ())

G_DECLARE_INTERFACE (ZichaPlatformStorage, zicha_platform_storage, ZICHA, PLATFORM_STORAGE, GObject)

struct _ZichaPlatformStorageInterface
{
  GTypeInterface parent_iface;

  gboolean                  (*add_unit)           (ZichaPlatformStorage           *self,
                                                   const char                     *code,
                                                   const char                     *name,
                                                   const char                     *token_sha256,
                                                   GError                        **error);
  ZichaPlatformUnit        *(*find_unit_by_token) (ZichaPlatformStorage           *self,
                                                   const char                     *token_sha256,
                                                   GError                        **error);
  ZichaPlatformSubmission  *(*get_submission)     (ZichaPlatformStorage           *self,
                                                   gint64                          unit_id,
                                                   const char                     *report_uuid,
                                                   GError                        **error);
  ZichaPlatformSubmission  *(*add_submission)     (ZichaPlatformStorage           *self,
                                                   const ZichaPlatformSubmission  *submission,
                                                   GBytes                         *package,
                                                   gboolean                       *created,
                                                   GError                        **error);
  GBytes                   *(*read_package)       (ZichaPlatformStorage           *self,
                                                   gint64                          unit_id,
                                                   const char                     *report_uuid,
                                                   GError                        **error);
  GPtrArray                *(*list_submissions)   (ZichaPlatformStorage           *self,
                                                   GError                        **error);
  GPtrArray                *(*list_notices)       (ZichaPlatformStorage           *self,
                                                   gint64                          unit_id,
                                                   const char                     *since,
                                                   guint                           limit,
                                                   GError                        **error);
  GBytes                   *(*get_receipt_key)    (ZichaPlatformStorage           *self,
                                                   GError                        **error);

  /* Threat notices and feedback (the notices issue). */
  ZichaPlatformUnit        *(*find_unit_by_code)  (ZichaPlatformStorage           *self,
                                                   const char                     *code,
                                                   GError                        **error);
  gboolean                  (*add_notice)         (ZichaPlatformStorage           *self,
                                                   gint64                          unit_id,
                                                   const ZichaPlatformNotice      *notice,
                                                   GError                        **error);
  ZichaPlatformNotice      *(*get_notice)         (ZichaPlatformStorage           *self,
                                                   gint64                          unit_id,
                                                   const char                     *notice_id,
                                                   GError                        **error);
  GPtrArray                *(*list_all_notices)   (ZichaPlatformStorage           *self,
                                                   GError                        **error);
  ZichaPlatformFeedback    *(*get_feedback)       (ZichaPlatformStorage           *self,
                                                   gint64                          unit_id,
                                                   const char                     *feedback_uuid,
                                                   GError                        **error);
  ZichaPlatformFeedback    *(*add_feedback)       (ZichaPlatformStorage           *self,
                                                   const ZichaPlatformFeedback    *feedback,
                                                   GBytes                         *package,
                                                   gboolean                       *created,
                                                   GError                        **error);
};

/* Registers a unit with the hash of its first token. EXISTS when the code
 * is registered already. */
gboolean                 zicha_platform_storage_add_unit           (ZichaPlatformStorage           *self,
                                                                    const char                     *code,
                                                                    const char                     *name,
                                                                    const char                     *token_sha256,
                                                                    GError                        **error);
/* The unit a token (by its SHA-256, hex) belongs to; NOT_FOUND for an
 * unknown or revoked token. */
ZichaPlatformUnit       *zicha_platform_storage_find_unit_by_token (ZichaPlatformStorage           *self,
                                                                    const char                     *token_sha256,
                                                                    GError                        **error);
/* NOT_FOUND when this unit has not delivered that report. */
ZichaPlatformSubmission *zicha_platform_storage_get_submission     (ZichaPlatformStorage           *self,
                                                                    gint64                          unit_id,
                                                                    const char                     *report_uuid,
                                                                    GError                        **error);
/* Stores @submission (with its receipt) and @package in one durable
 * transaction, or, when the unit has that report already, stores nothing
 * and returns the one there. @created tells which. */
ZichaPlatformSubmission *zicha_platform_storage_add_submission     (ZichaPlatformStorage           *self,
                                                                    const ZichaPlatformSubmission  *submission,
                                                                    GBytes                         *package,
                                                                    gboolean                       *created,
                                                                    GError                        **error);
/* The package bytes exactly as received. */
GBytes                  *zicha_platform_storage_read_package       (ZichaPlatformStorage           *self,
                                                                    gint64                          unit_id,
                                                                    const char                     *report_uuid,
                                                                    GError                        **error);
/* Every submission (ZichaPlatformSubmission*), in the order received. */
GPtrArray               *zicha_platform_storage_list_submissions   (ZichaPlatformStorage           *self,
                                                                    GError                        **error);
/* The unit's notices (ZichaPlatformNotice*) changed after @since (nullable,
 * ISO 8601 UTC), oldest change first, at most @limit. */
GPtrArray               *zicha_platform_storage_list_notices       (ZichaPlatformStorage           *self,
                                                                    gint64                          unit_id,
                                                                    const char                     *since,
                                                                    guint                           limit,
                                                                    GError                        **error);
/* The unit with that (normalized) code; NOT_FOUND. */
ZichaPlatformUnit       *zicha_platform_storage_find_unit_by_code  (ZichaPlatformStorage           *self,
                                                                    const char                     *code,
                                                                    GError                        **error);
/* Issues a notice to a unit: id, detected_at, target, type, severity,
 * description and updated_at are taken; the state is open. EXISTS when
 * the id is taken. */
gboolean                 zicha_platform_storage_add_notice         (ZichaPlatformStorage           *self,
                                                                    gint64                          unit_id,
                                                                    const ZichaPlatformNotice      *notice,
                                                                    GError                        **error);
/* NOT_FOUND when the unit has no such notice. */
ZichaPlatformNotice     *zicha_platform_storage_get_notice         (ZichaPlatformStorage           *self,
                                                                    gint64                          unit_id,
                                                                    const char                     *notice_id,
                                                                    GError                        **error);
/* Every notice of every unit, in the order issued, with unit_code,
 * answered_at and late filled in. */
GPtrArray               *zicha_platform_storage_list_all_notices   (ZichaPlatformStorage           *self,
                                                                    GError                        **error);
/* NOT_FOUND when the unit sent no feedback with that UUID. */
ZichaPlatformFeedback   *zicha_platform_storage_get_feedback       (ZichaPlatformStorage           *self,
                                                                    gint64                          unit_id,
                                                                    const char                     *feedback_uuid,
                                                                    GError                        **error);
/* Stores @feedback (with its receipt) and @package in one durable
 * transaction, and moves an open notice to answered (its answered_at and
 * late from this feedback), or, when the unit has that feedback UUID
 * already, stores nothing and returns the one there. */
ZichaPlatformFeedback   *zicha_platform_storage_add_feedback       (ZichaPlatformStorage           *self,
                                                                    const ZichaPlatformFeedback    *feedback,
                                                                    GBytes                         *package,
                                                                    gboolean                       *created,
                                                                    GError                        **error);
/* The secret key receipts are signed with (HMAC-SHA256, 32 bytes). */
GBytes                  *zicha_platform_storage_get_receipt_key    (ZichaPlatformStorage           *self,
                                                                    GError                        **error);

G_END_DECLS
