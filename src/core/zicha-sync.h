/* zicha-sync.h — delivers the outbox to the platform and stores receipts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client half of docs/platform-api.md. A pass sends every due outbox
 * entry once, one after the other: the report's package is exported, PUT
 * at /api/v1/reports/{uuid} with its digest, and the answer classified
 * ("Retrying: permanent and transient"):
 *
 * - 201/200 with a receipt for this report and digest: the receipt is
 *   stored and the report is acknowledged;
 * - a transient failure (no answer, 408, 429, 5xx, a receipt cut short):
 *   the next attempt is scheduled with exponential backoff and full jitter
 *   (base 30 s, capped at 15 minutes), never earlier than Retry-After;
 * - a permanent one (409, 413, 422, other 4xx, a receipt for something
 *   else): the entry is marked failed with the platform's message and not
 *   retried until the user asks (zicha_store_retry_outbox_entry());
 * - 401 and an untrusted certificate fail the entry permanently and block
 *   the scheduler for every report until zicha_sync_set_token() or
 *   zicha_sync_set_trusted_certificate() changes something, or a
 *   ZICHA_SYNC_RUN_ALL pass ("send now") tries again.
 *
 * After the reports, a pass sends the queued rectification feedback
 * (zicha_store_add_feedback()) the same way (PUT
 * /api/v1/notices/{id}/feedback/{uuid}, the same classification and
 * backoff; "feedback-changed" instead of "report-changed"), then fetches
 * the notices changed since the last fetch (GET /api/v1/notices?since=),
 * stores them and emits "notices-changed" when any is new or changed. The
 * offset of the platform's clock is kept in the store
 * (zicha_store_get_clock_offset()), so deadlines are counted by the
 * platform's clock even when the local one is wrong.
 *
 * All state is in the store, so a new ZichaSync on the same store resumes
 * where the last one stopped. TLS certificates are verified; a
 * self-signed platform certificate is accepted only when it is the one
 * given to zicha_sync_set_trusted_certificate().
 *
 * Main-thread object: the package is exported on the calling thread.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-connectivity.h"
#include "zicha-form.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define ZICHA_SYNC_ERROR (zicha_sync_error_quark ())

typedef enum
{
  ZICHA_SYNC_ERROR_INVALID_URL,   /* not an http(s) URL with a host */
  ZICHA_SYNC_ERROR_INSECURE_URL,  /* plain http to another machine */
  ZICHA_SYNC_ERROR_INVALID_TOKEN,
  ZICHA_SYNC_ERROR_BUSY,          /* a pass is already running */
} ZichaSyncError;

GQuark zicha_sync_error_quark (void);

/* Defaults of the backoff and of the network timeout. */
#define ZICHA_SYNC_BACKOFF_BASE      30        /* seconds */
#define ZICHA_SYNC_BACKOFF_CAP       (15 * 60) /* seconds */
#define ZICHA_SYNC_TIMEOUT           60        /* seconds without progress */
/* Notices are fetched on every pass, and a pass runs at least this often
 * while the scheduler is started. */
#define ZICHA_SYNC_NOTICES_INTERVAL  (15 * 60) /* seconds */
/* Retry-After is honoured up to this. */
#define ZICHA_SYNC_MAX_RETRY_AFTER   (24 * 60 * 60)

typedef enum
{
  ZICHA_SYNC_STATUS_QUEUED,            /* waiting in the outbox */
  ZICHA_SYNC_STATUS_SENDING,
  ZICHA_SYNC_STATUS_DELIVERED,         /* 201: receipt stored */
  ZICHA_SYNC_STATUS_ALREADY_DELIVERED, /* 200: the platform had it; its receipt stored */
  ZICHA_SYNC_STATUS_WAITING,           /* transient failure; next_attempt_at */
  ZICHA_SYNC_STATUS_FAILED,            /* permanent failure; message */
} ZichaSyncStatus;

/* Why the scheduler is holding back every report. */
typedef enum
{
  ZICHA_SYNC_BLOCK_NONE,
  ZICHA_SYNC_BLOCK_UNAUTHORIZED,       /* 401: the token was refused */
  ZICHA_SYNC_BLOCK_CERTIFICATE,        /* the platform's certificate is not trusted */
} ZichaSyncBlock;

/* What happened to one report in a pass (and the "report-changed"
 * signal's argument). */
typedef struct
{
  char            *report_uuid;
  ZichaSyncStatus  status;
  int              http_status;      /* 0: no answer */
  char            *code;             /* the platform's error code, or "network",
                                      * "protocol", "certificate", "package",
                                      * "unauthorized"… */
  char            *message;          /* English from the platform, or ours translated */
  char            *message_zh;       /* the platform's Chinese message */
  GDateTime       *next_attempt_at;  /* WAITING */
  char            *receipt_number;   /* DELIVERED, ALREADY_DELIVERED */
  GDateTime       *received_at;      /* by the platform's clock */
  /* For feedback on a notice ("feedback-changed"): its UUID, with
   * report_uuid NULL; NULL for a report. */
  char            *feedback_uuid;
  gboolean         late;             /* feedback received after the deadline */
} ZichaSyncOutcome;

#define ZICHA_TYPE_SYNC_OUTCOME (zicha_sync_outcome_get_type ())

GType             zicha_sync_outcome_get_type    (void) G_GNUC_CONST;
ZichaSyncOutcome *zicha_sync_outcome_copy        (const ZichaSyncOutcome *outcome);
void              zicha_sync_outcome_free        (ZichaSyncOutcome       *outcome);
/* message_zh for a Chinese locale when there is one, else message. */
const char       *zicha_sync_outcome_get_message (const ZichaSyncOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaSyncOutcome, zicha_sync_outcome_free)

typedef enum
{
  ZICHA_SYNC_RUN_DUE = 0,       /* entries whose next attempt has come */
  ZICHA_SYNC_RUN_ALL = 1 << 0,  /* "send now": every entry not failed for good, and
                                 * those stopped by a 401 or a certificate */
} ZichaSyncRunFlags;

/* The local clock, for tests: a new GDateTime. */
typedef GDateTime *(*ZichaSyncClockFunc) (gpointer user_data);

#define ZICHA_TYPE_SYNC (zicha_sync_get_type ())

G_DECLARE_FINAL_TYPE (ZichaSync, zicha_sync, ZICHA, SYNC, GObject)

/* @base_url: the platform, e.g. "https://platform.example.edu.cn/" (the
 * API is under api/v1/ below it). Plain http is refused except to this
 * machine (tests, a TLS-terminating proxy on localhost). @form: the form
 * the packages are written with. */
ZichaSync        *zicha_sync_new                 (ZichaStore          *store,
                                                  ZichaForm           *form,
                                                  const char          *base_url,
                                                  const char          *token,
                                                  GError             **error);

ZichaStore       *zicha_sync_get_store           (ZichaSync           *self);
const char       *zicha_sync_get_base_url        (ZichaSync           *self);
/* A different token lifts ZICHA_SYNC_BLOCK_UNAUTHORIZED and makes the
 * reports it stopped due again. */
gboolean          zicha_sync_set_token           (ZichaSync           *self,
                                                  const char          *token,
                                                  GError             **error);
/* The platform's own certificate, accepted even though no authority
 * signed it (compared with g_tls_certificate_is_same()); NULL: only
 * certificates the system trusts. */
void              zicha_sync_set_trusted_certificate (ZichaSync       *self,
                                                  GTlsCertificate     *certificate);
/* Default: zicha_connectivity_new (base_url). */
void              zicha_sync_set_connectivity    (ZichaSync           *self,
                                                  ZichaConnectivity   *connectivity);
ZichaConnectivity *zicha_sync_get_connectivity   (ZichaSync           *self);
void              zicha_sync_set_backoff         (ZichaSync           *self,
                                                  guint                base_seconds,
                                                  guint                cap_seconds);
void              zicha_sync_set_timeout         (ZichaSync           *self,
                                                  guint                seconds);
/* NULL: the real clock (UTC). */
void              zicha_sync_set_clock           (ZichaSync           *self,
                                                  ZichaSyncClockFunc   func,
                                                  gpointer             user_data);

/* One pass. Returns the outcomes (ZichaSyncOutcome) in the order sent;
 * fails only when cancelled, when a pass is running already, or when the
 * store cannot be read. */
void              zicha_sync_run_async           (ZichaSync           *self,
                                                  ZichaSyncRunFlags    flags,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray        *zicha_sync_run_finish          (ZichaSync           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* The scheduler: runs a pass whenever connectivity comes back and when the
 * earliest next attempt comes due (one timer, re-checked at least every
 * ZICHA_SYNC_BACKOFF_CAP seconds), until zicha_sync_stop(). */
void              zicha_sync_start               (ZichaSync           *self);
void              zicha_sync_stop                (ZichaSync           *self);
/* A report was queued, or the user pressed "send now": a pass soon,
 * ZICHA_SYNC_RUN_ALL when @all. */
void              zicha_sync_queue_pass          (ZichaSync           *self,
                                                  gboolean             all);

gboolean          zicha_sync_get_busy            (ZichaSync           *self);
ZichaSyncBlock    zicha_sync_get_block           (ZichaSync           *self);
/* The platform's clock minus ours, from the Date header of the last
 * answer (any status). FALSE until there was one. */
gboolean          zicha_sync_get_clock_offset    (ZichaSync           *self,
                                                  GTimeSpan           *offset);

/* Why the last fetch of the notices failed; NULL after a successful one
 * (or before any). */
const GError     *zicha_sync_get_notices_error   (ZichaSync           *self);

/* Seconds to wait before attempt number @attempt + 1 after @attempt
 * failures (1 = the first): uniform in [0, min (@cap, @base × 2^(@attempt − 1))].
 * @rand NULL: the global generator. */
guint             zicha_sync_compute_backoff     (guint                attempt,
                                                  guint                base,
                                                  guint                cap,
                                                  GRand               *rand);

G_END_DECLS
