/* zicha-sync.c — delivers the outbox to the platform and stores receipts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zicha-feedback-package.h"
#include "zicha-notice.h"
#include "zicha-package.h"
#include "zicha-sync.h"
#include "zicha-token.h"

#define PACKAGE_MEDIA_TYPE "application/vnd.zicha.package+zip"
/* A pass asks for at most this many pages of notices (500 each). */
#define MAX_NOTICE_PAGES 50
#define NOTICES_SINCE_KEY "notices_since"
#define UNIT_CODE_KEY "unit_code"

struct _ZichaSync
{
  GObject             parent_instance;

  ZichaStore         *store;
  ZichaForm          *form;
  GUri               *base_uri;
  char               *base_url;
  char               *token;
  GTlsCertificate    *trusted_certificate;
  ZichaConnectivity  *connectivity;
  SoupSession        *session;

  guint               backoff_base;
  guint               backoff_cap;
  ZichaSyncClockFunc  clock_func;
  gpointer            clock_data;

  GTask              *pass;             /* the running pass, borrowed */
  ZichaSyncBlock      block;
  gboolean            has_clock_offset;
  GTimeSpan           clock_offset;
  gboolean            clock_offset_stored;  /* the store has stored_offset */
  GTimeSpan           stored_offset;
  GError             *notices_error;

  /* The scheduler. */
  gboolean            started;
  GCancellable       *cancellable;
  guint               timer_id;
  gboolean            pass_queued;      /* run again after the current pass */
  ZichaSyncRunFlags   queued_flags;
};

G_DEFINE_FINAL_TYPE (ZichaSync, zicha_sync, G_TYPE_OBJECT)

G_DEFINE_QUARK (zicha-sync-error-quark, zicha_sync_error)

G_DEFINE_BOXED_TYPE (ZichaSyncOutcome, zicha_sync_outcome, zicha_sync_outcome_copy, zicha_sync_outcome_free)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_BLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPORT_CHANGED,
  FEEDBACK_CHANGED,
  NOTICES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm_timer (ZichaSync *self);
static gboolean accept_certificate_cb (SoupMessage          *message,
                                       GTlsCertificate      *peer_certificate,
                                       GTlsCertificateFlags  errors,
                                       gpointer              user_data);
static void schedule_pass (ZichaSync *self, guint delay_ms);

/* Outcomes ---------------------------------------------------------------- */

ZichaSyncOutcome *
zicha_sync_outcome_copy (const ZichaSyncOutcome *outcome)
{
  ZichaSyncOutcome *copy = g_new0 (ZichaSyncOutcome, 1);

  copy->report_uuid = g_strdup (outcome->report_uuid);
  copy->status = outcome->status;
  copy->http_status = outcome->http_status;
  copy->code = g_strdup (outcome->code);
  copy->message = g_strdup (outcome->message);
  copy->message_zh = g_strdup (outcome->message_zh);
  copy->next_attempt_at = outcome->next_attempt_at ? g_date_time_ref (outcome->next_attempt_at) : NULL;
  copy->receipt_number = g_strdup (outcome->receipt_number);
  copy->received_at = outcome->received_at ? g_date_time_ref (outcome->received_at) : NULL;
  copy->feedback_uuid = g_strdup (outcome->feedback_uuid);
  copy->late = outcome->late;

  return copy;
}

void
zicha_sync_outcome_free (ZichaSyncOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->report_uuid);
  g_free (outcome->code);
  g_free (outcome->message);
  g_free (outcome->message_zh);
  g_clear_pointer (&outcome->next_attempt_at, g_date_time_unref);
  g_free (outcome->receipt_number);
  g_clear_pointer (&outcome->received_at, g_date_time_unref);
  g_free (outcome->feedback_uuid);
  g_free (outcome);
}

const char *
zicha_sync_outcome_get_message (const ZichaSyncOutcome *outcome)
{
  ZichaOutboxEntry entry = { NULL, };

  g_return_val_if_fail (outcome != NULL, NULL);

  /* The same choice as the outbox makes. */
  entry.last_error = outcome->message;
  entry.last_error_zh = outcome->message_zh;
  return zicha_outbox_entry_get_message (&entry);
}

static ZichaSyncOutcome *
outcome_new (const char      *report_uuid,
             ZichaSyncStatus  status)
{
  ZichaSyncOutcome *outcome = g_new0 (ZichaSyncOutcome, 1);

  outcome->report_uuid = g_strdup (report_uuid);
  outcome->status = status;
  return outcome;
}

/* The object -------------------------------------------------------------- */

static void
zicha_sync_dispose (GObject *object)
{
  ZichaSync *self = ZICHA_SYNC (object);

  zicha_sync_stop (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (zicha_sync_parent_class)->dispose (object);
}

static void
zicha_sync_finalize (GObject *object)
{
  ZichaSync *self = ZICHA_SYNC (object);

  g_clear_object (&self->store);
  g_clear_object (&self->form);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->base_url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_clear_object (&self->trusted_certificate);
  g_clear_object (&self->connectivity);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->notices_error);

  G_OBJECT_CLASS (zicha_sync_parent_class)->finalize (object);
}

static void
zicha_sync_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ZichaSync *self = ZICHA_SYNC (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->pass != NULL);
      break;
    case PROP_BLOCK:
      g_value_set_uint (value, self->block);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zicha_sync_class_init (ZichaSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zicha_sync_dispose;
  object_class->finalize = zicha_sync_finalize;
  object_class->get_property = zicha_sync_get_property;

  /* Whether a pass is running. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A ZichaSyncBlock. */
  properties[PROP_BLOCK] =
    g_param_spec_uint ("block", NULL, NULL, ZICHA_SYNC_BLOCK_NONE, ZICHA_SYNC_BLOCK_CERTIFICATE,
                       ZICHA_SYNC_BLOCK_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when a report starts sending and when its attempt ended:
   * the UI updates its row from the outcome. */
  signals[REPORT_CHANGED] =
    g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ZICHA_TYPE_SYNC_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* The same for rectification feedback: the outcome's feedback_uuid
   * names it. */
  signals[FEEDBACK_CHANGED] =
    g_signal_new ("feedback-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ZICHA_TYPE_SYNC_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);

  /* A pass stored a new or changed notice (or a feedback receipt answered
   * one): the inbox reloads zicha_store_list_notices() and asks
   * zicha_notice_get_reminder() about each. */
  signals[NOTICES_CHANGED] =
    g_signal_new ("notices-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
zicha_sync_init (ZichaSync *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Zicha/%s", PACKAGE_VERSION);

  self->backoff_base = ZICHA_SYNC_BACKOFF_BASE;
  self->backoff_cap = ZICHA_SYNC_BACKOFF_CAP;
  self->cancellable = g_cancellable_new ();
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", ZICHA_SYNC_TIMEOUT,
                                                 "idle-timeout", ZICHA_SYNC_TIMEOUT,
                                                 NULL);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

ZichaSync *
zicha_sync_new (ZichaStore  *store,
                ZichaForm   *form,
                const char  *base_url,
                const char  *token,
                GError     **error)
{
  g_autoptr(ZichaSync) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_slash = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  /* The API is below the base: keep its last path segment. */
  with_slash = g_str_has_suffix (base_url, "/") ? g_strdup (base_url) : g_strconcat (base_url, "/", NULL);
  uri = g_uri_parse (with_slash, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not a platform address; it looks like https://platform.example.edu.cn/"),
                   base_url);
      return NULL;
    }

  /* The token must not cross a network in clear text. */
  if (g_str_equal (scheme, "http") && !is_loopback_host (host))
    {
      g_set_error (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INSECURE_URL,
                   _("“%s” is not encrypted; the platform must be reached with https://"), base_url);
      return NULL;
    }

  self = g_object_new (ZICHA_TYPE_SYNC, NULL);
  self->store = g_object_ref (store);
  self->form = g_object_ref (form);
  self->base_uri = g_steal_pointer (&uri);
  self->base_url = g_steal_pointer (&with_slash);
  self->connectivity = zicha_connectivity_new (self->base_url);

  if (!zicha_sync_set_token (self, token, error))
    return NULL;

  /* The offset of the last run, until this one hears from the platform. */
  self->has_clock_offset = zicha_store_get_clock_offset (store, &self->clock_offset, NULL);
  self->clock_offset_stored = self->has_clock_offset;
  self->stored_offset = self->clock_offset;

  return g_steal_pointer (&self);
}

ZichaStore *
zicha_sync_get_store (ZichaSync *self)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), NULL);

  return self->store;
}

const char *
zicha_sync_get_base_url (ZichaSync *self)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), NULL);

  return self->base_url;
}

static void
set_block (ZichaSync      *self,
           ZichaSyncBlock  block)
{
  if (self->block == block)
    return;

  self->block = block;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCK]);
}

/* Entries stopped by a 401 or a certificate become due again. */
static void
release_blocked_entries (ZichaSync  *self,
                         const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = zicha_store_list_outbox (self->store, &error);

  if (entries == NULL)
    {
      g_warning ("Could not read the outbox: %s", error->message);
      return;
    }

  if ((code == NULL || g_str_equal (code, "unauthorized")) &&
      !zicha_store_retry_feedback (self->store, NULL, "unauthorized", &error))
    {
      g_warning ("Could not release the feedback: %s", error->message);
      g_clear_error (&error);
    }
  if ((code == NULL || g_str_equal (code, "certificate")) &&
      !zicha_store_retry_feedback (self->store, NULL, "certificate", &error))
    {
      g_warning ("Could not release the feedback: %s", error->message);
      g_clear_error (&error);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      ZichaOutboxEntry *entry = entries->pdata[i];

      if (!entry->permanent_failure)
        continue;
      if (code != NULL ? g_strcmp0 (entry->last_error_code, code) != 0
                       : g_strcmp0 (entry->last_error_code, "unauthorized") != 0 &&
                         g_strcmp0 (entry->last_error_code, "certificate") != 0)
        continue;
      if (!zicha_store_retry_outbox_entry (self->store, entry->report_uuid, &error))
        {
          g_warning ("Could not release %s: %s", entry->report_uuid, error->message);
          g_clear_error (&error);
        }
    }
}

gboolean
zicha_sync_set_token (ZichaSync   *self,
                      const char  *token,
                      GError     **error)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), FALSE);

  if (!zicha_token_is_valid (token))
    {
      g_set_error_literal (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INVALID_TOKEN,
                           _("The unit token is empty or has characters a token cannot have."));
      return FALSE;
    }

  if (g_strcmp0 (self->token, token) == 0)
    return TRUE;

  g_free (self->token);
  self->token = g_strdup (token);

  if (self->store != NULL)
    {
      release_blocked_entries (self, "unauthorized");
      if (self->block == ZICHA_SYNC_BLOCK_UNAUTHORIZED)
        {
          set_block (self, ZICHA_SYNC_BLOCK_NONE);
          if (self->started)
            schedule_pass (self, 0);
        }
    }

  return TRUE;
}

void
zicha_sync_set_trusted_certificate (ZichaSync       *self,
                                    GTlsCertificate *certificate)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->trusted_certificate, certificate);

  release_blocked_entries (self, "certificate");
  if (self->block == ZICHA_SYNC_BLOCK_CERTIFICATE)
    {
      set_block (self, ZICHA_SYNC_BLOCK_NONE);
      if (self->started)
        schedule_pass (self, 0);
    }
}

static void
online_changed_cb (ZichaSync *self)
{
  if (!self->started)
    return;

  if (zicha_connectivity_get_online (self->connectivity))
    schedule_pass (self, 0);
  else
    g_clear_handle_id (&self->timer_id, g_source_remove);
}

void
zicha_sync_set_connectivity (ZichaSync         *self,
                             ZichaConnectivity *connectivity)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));
  g_return_if_fail (ZICHA_IS_CONNECTIVITY (connectivity));

  if (self->started)
    g_signal_handlers_disconnect_by_func (self->connectivity, online_changed_cb, self);
  g_set_object (&self->connectivity, connectivity);
  if (self->started)
    {
      g_signal_connect_swapped (self->connectivity, "notify::online", G_CALLBACK (online_changed_cb), self);
      online_changed_cb (self);
    }
}

ZichaConnectivity *
zicha_sync_get_connectivity (ZichaSync *self)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), NULL);

  return self->connectivity;
}

void
zicha_sync_set_backoff (ZichaSync *self,
                        guint      base_seconds,
                        guint      cap_seconds)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));
  g_return_if_fail (base_seconds > 0 && cap_seconds >= base_seconds);

  self->backoff_base = base_seconds;
  self->backoff_cap = cap_seconds;
}

void
zicha_sync_set_timeout (ZichaSync *self,
                        guint      seconds)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));

  g_object_set (self->session, "timeout", seconds, "idle-timeout", seconds, NULL);
}

void
zicha_sync_set_clock (ZichaSync          *self,
                      ZichaSyncClockFunc  func,
                      gpointer            user_data)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));

  self->clock_func = func;
  self->clock_data = user_data;
}

static GDateTime *
now_utc (ZichaSync *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->clock_func == NULL)
    return g_date_time_new_now_utc ();

  now = self->clock_func (self->clock_data);
  return g_date_time_to_utc (now);
}

gboolean
zicha_sync_get_busy (ZichaSync *self)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), FALSE);

  return self->pass != NULL;
}

ZichaSyncBlock
zicha_sync_get_block (ZichaSync *self)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), ZICHA_SYNC_BLOCK_NONE);

  return self->block;
}

gboolean
zicha_sync_get_clock_offset (ZichaSync *self,
                             GTimeSpan *offset)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), FALSE);

  if (offset != NULL)
    *offset = self->has_clock_offset ? self->clock_offset : 0;
  return self->has_clock_offset;
}

const GError *
zicha_sync_get_notices_error (ZichaSync *self)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), NULL);

  return self->notices_error;
}

guint
zicha_sync_compute_backoff (guint  attempt,
                            guint  base,
                            guint  cap,
                            GRand *rand)
{
  guint64 ceiling = base;

  g_return_val_if_fail (base > 0, 0);

  /* Full jitter (uniform between 0 and the exponential ceiling): clients
   * that failed together do not come back together. */
  for (guint i = 1; i < attempt && ceiling < cap; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, cap);

  if (rand != NULL)
    return (guint) g_rand_int_range (rand, 0, (gint32) ceiling + 1);
  return (guint) g_random_int_range (0, (gint32) ceiling + 1);
}

/* A pass ------------------------------------------------------------------- */

typedef struct
{
  ZichaSyncRunFlags  flags;
  GPtrArray         *queue;         /* ZichaOutboxEntry */
  guint              next;
  GPtrArray         *outcomes;      /* ZichaSyncOutcome */

  /* Then the feedback, then the notices. */
  GPtrArray         *feedback_queue; /* ZichaFeedback */
  guint              next_feedback;
  guint              notice_pages;
  gboolean           notices_changed;
  char              *notices_cursor; /* the newest updated_at seen */

  /* The report or feedback being sent (one of the two), or the notices
   * being fetched (neither). */
  ZichaOutboxEntry  *entry;         /* borrowed from queue */
  ZichaFeedback     *feedback;      /* borrowed from feedback_queue */
  GBytes            *feedback_package;
  GBytes            *body;          /* what the PUT carries, kept to send again */
  const char        *body_type;
  char              *digest;
  char              *tmpdir;
  char              *package_path;
  SoupMessage       *message;
  GTlsCertificate   *peer_certificate;
  GTlsCertificateFlags peer_errors;
} Pass;

static void
restarted_cb (SoupMessage *message,
              Pass        *pass)
{
  /* libsoup resends a request by itself when a kept-alive connection
   * closes under it, and drops the body when it does: give it back, or the
   * platform gets an empty PUT and refuses the report for good. */
  soup_message_set_request_body_from_bytes (message, pass->body_type, pass->body);
}

static void
set_request_body (Pass       *pass,
                  const char *media_type,
                  GBytes     *body)
{
  g_clear_pointer (&pass->body, g_bytes_unref);
  pass->body = g_bytes_ref (body);
  pass->body_type = media_type;
  soup_message_set_request_body_from_bytes (pass->message, media_type, body);
  g_signal_connect (pass->message, "restarted", G_CALLBACK (restarted_cb), pass);
}

static void
clear_current (Pass *pass)
{
  if (pass->package_path != NULL)
    g_unlink (pass->package_path);
  if (pass->tmpdir != NULL)
    g_rmdir (pass->tmpdir);
  g_clear_pointer (&pass->package_path, g_free);
  g_clear_pointer (&pass->tmpdir, g_free);
  g_clear_pointer (&pass->digest, g_free);
  if (pass->message != NULL)
    {
      g_signal_handlers_disconnect_matched (pass->message, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                            accept_certificate_cb, NULL);
      g_signal_handlers_disconnect_matched (pass->message, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                            restarted_cb, NULL);
    }
  g_clear_object (&pass->message);
  g_clear_pointer (&pass->body, g_bytes_unref);
  g_clear_object (&pass->peer_certificate);
  pass->peer_errors = 0;
  pass->entry = NULL;
  pass->feedback = NULL;
  g_clear_pointer (&pass->feedback_package, g_bytes_unref);
}

static void
pass_free (Pass *pass)
{
  clear_current (pass);
  g_clear_pointer (&pass->queue, g_ptr_array_unref);
  g_clear_pointer (&pass->feedback_queue, g_ptr_array_unref);
  g_clear_pointer (&pass->outcomes, g_ptr_array_unref);
  g_free (pass->notices_cursor);
  g_free (pass);
}

static void send_next (GTask *task);
static void send_next_feedback (GTask *task);
static void fetch_notices (GTask *task);
static void finish_feedback (GTask *task, ZichaSyncOutcome *outcome, gint64 retry_after);

/* The pass is over before its callback runs, so the callback may start
 * another one. */
static void
pass_return (GTask  *task,
             GError *error)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  if (self->pass == task)
    {
      self->pass = NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }

  clear_current (pass);
  if (pass->notices_changed)
    {
      pass->notices_changed = FALSE;
      g_signal_emit (self, signals[NOTICES_CHANGED], 0);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_ptr_array_ref (pass->outcomes), (GDestroyNotify) g_ptr_array_unref);
}

static void
emit_changed (ZichaSync        *self,
              ZichaSyncOutcome *outcome)
{
  g_signal_emit (self, signals[REPORT_CHANGED], 0, outcome);
}

/* The next attempt, never earlier than @retry_after seconds from now,
 * rounded up to the second the store keeps. */
static GDateTime *
next_attempt_time (ZichaSync *self,
                   guint      attempt,
                   gint64     retry_after)
{
  g_autoptr(GDateTime) now = now_utc (self);
  g_autoptr(GDateTime) later = NULL;
  gint64 delay = zicha_sync_compute_backoff (attempt, self->backoff_base, self->backoff_cap, NULL);
  int microseconds;

  delay = MAX (delay, 1);
  delay = MAX (delay, retry_after);

  later = g_date_time_add_seconds (now, (double) delay);
  microseconds = g_date_time_get_microsecond (later);
  if (microseconds == 0)
    return g_steal_pointer (&later);
  return g_date_time_add (later, G_USEC_PER_SEC - microseconds);
}

/* A waiting or failed outcome of the delivery of a report, or of feedback
 * when @is_feedback, tried @attempts times before: its next attempt,
 * recorded in the store. */
static void
record_attempt (ZichaSync        *self,
                ZichaSyncOutcome *outcome,
                gboolean          is_feedback,
                guint             attempts,
                gint64            retry_after)
{
  const char *uuid = is_feedback ? outcome->feedback_uuid : outcome->report_uuid;
  ZichaOutboxAttempt attempt = { NULL, };
  g_autoptr(GError) error = NULL;
  gboolean recorded;

  if (outcome->status == ZICHA_SYNC_STATUS_WAITING)
    outcome->next_attempt_at = next_attempt_time (self, attempts + 1, retry_after);

  attempt.attempted_at = now_utc (self);
  attempt.next_attempt_at = outcome->next_attempt_at;
  attempt.permanent = outcome->status == ZICHA_SYNC_STATUS_FAILED;
  attempt.status = outcome->http_status;
  attempt.code = outcome->code;
  attempt.message = outcome->message;
  attempt.message_zh = outcome->message_zh;

  if (is_feedback)
    recorded = zicha_store_record_feedback_attempt (self->store, uuid, &attempt, &error);
  else
    recorded = zicha_store_record_attempt (self->store, uuid, &attempt, &error);
  if (!recorded)
    g_warning ("Could not record the attempt for %s: %s", uuid, error->message);
  g_date_time_unref (attempt.attempted_at);

  g_debug ("%s%s: %s (%d %s)%s", is_feedback ? "feedback " : "", uuid,
           outcome->status == ZICHA_SYNC_STATUS_FAILED ? "failed" : "will retry",
           outcome->http_status, outcome->code ? outcome->code : "",
           outcome->message ? outcome->message : "");
}

/* The same for feedback: recorded in the store, announced with
 * "feedback-changed"; the pass's outcomes are the reports' only. */
static void
finish_feedback (GTask            *task,
                 ZichaSyncOutcome *outcome,
                 gint64            retry_after)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(ZichaSyncOutcome) owned = outcome;

  if (outcome->status == ZICHA_SYNC_STATUS_WAITING || outcome->status == ZICHA_SYNC_STATUS_FAILED)
    record_attempt (self, outcome, TRUE, pass->feedback->attempts, retry_after);
  else
    {
      g_debug ("feedback %s: receipt %s", outcome->feedback_uuid, outcome->receipt_number);
      pass->notices_changed = TRUE;
    }

  g_signal_emit (self, signals[FEEDBACK_CHANGED], 0, outcome);
  clear_current (pass);
}

/* Records the attempt's outcome in the store and in the pass. */
static void
finish_report (GTask            *task,
               ZichaSyncOutcome *outcome,
               gint64            retry_after)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  if (pass->feedback != NULL)
    {
      finish_feedback (task, outcome, retry_after);
      return;
    }

  if (outcome->status == ZICHA_SYNC_STATUS_WAITING || outcome->status == ZICHA_SYNC_STATUS_FAILED)
    record_attempt (self, outcome, FALSE, pass->entry->attempts, retry_after);
  else
    g_debug ("%s: receipt %s", outcome->report_uuid, outcome->receipt_number);

  emit_changed (self, outcome);
  g_ptr_array_add (pass->outcomes, outcome);
  clear_current (pass);
}

static ZichaSyncOutcome *
failure (Pass            *pass,
         ZichaSyncStatus  status,
         int              http_status,
         const char      *code,
         const char      *message,
         const char      *message_zh)
{
  ZichaSyncOutcome *outcome = outcome_new (pass->entry != NULL ? pass->entry->report_uuid : NULL, status);

  if (pass->feedback != NULL)
    outcome->feedback_uuid = g_strdup (pass->feedback->uuid);
  outcome->http_status = http_status;
  outcome->code = g_strdup (code);
  outcome->message = g_strdup (message);
  outcome->message_zh = g_strdup (message_zh);
  return outcome;
}

static void
record_clock_offset (ZichaSync   *self,
                     SoupMessage *message)
{
  const char *date = soup_message_headers_get_one (soup_message_get_response_headers (message), "Date");
  g_autoptr(GDateTime) platform = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL || (platform = soup_date_time_new_from_http_string (date)) == NULL)
    return;

  local = now_utc (self);
  self->clock_offset = g_date_time_difference (platform, local);
  self->has_clock_offset = TRUE;

  /* Kept for the next start (the deadlines need it offline); written
   * only when it moved, the Date header having one-second resolution. */
  if (!self->clock_offset_stored || ABS (self->clock_offset - self->stored_offset) >= 2 * G_USEC_PER_SEC)
    {
      g_autoptr(GError) error = NULL;

      if (zicha_store_set_clock_offset (self->store, self->clock_offset, &error))
        {
          self->clock_offset_stored = TRUE;
          self->stored_offset = self->clock_offset;
        }
      else
        g_debug ("Could not keep the clock offset: %s", error->message);
    }
}

/* Retry-After in seconds (delta-seconds or an HTTP date), or 0. */
static gint64
parse_retry_after (ZichaSync   *self,
                   SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return 0;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return MIN ((gint64) seconds, ZICHA_SYNC_MAX_RETRY_AFTER);

  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = NULL;
    GTimeSpan span;

    if (when == NULL)
      return 0;
    now = g_date_time_new_now_utc ();
    span = g_date_time_difference (when, now) / G_USEC_PER_SEC;
    return CLAMP (span, 0, ZICHA_SYNC_MAX_RETRY_AFTER);
  }
}

static char *
certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  if (certificate == NULL)
    return NULL;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *peer_certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTask *task = user_data;
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  g_set_object (&pass->peer_certificate, peer_certificate);
  pass->peer_errors = errors;

  /* Only the one certificate the user trusted, never a blanket accept. */
  return self->trusted_certificate != NULL &&
         g_tls_certificate_is_same (peer_certificate, self->trusted_certificate);
}

/* The platform's error body: {"error": {"code", "message", "message_zh"}}. */
static gboolean
parse_error_body (GBytes  *body,
                  char   **code,
                  char   **message,
                  char   **message_zh)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *error;
  const char *text;

  if (body == NULL || g_bytes_get_size (body) == 0 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  error = json_object_get_object_member (json_node_get_object (root), "error");
  if (error == NULL)
    return FALSE;

  text = json_object_get_string_member_with_default (error, "code", NULL);
  if (text == NULL || *text == '\0')
    return FALSE;
  *code = g_strdup (text);
  *message = g_strdup (json_object_get_string_member_with_default (error, "message", NULL));
  *message_zh = g_strdup (json_object_get_string_member_with_default (error, "message_zh", NULL));
  return TRUE;
}

/* The "receipt" object of a 200 or 201 answer, with the members a report's
 * and a feedback's receipt share. */
typedef struct
{
  JsonParser *parser;
  JsonObject *object;
  const char *number;
  const char *digest;
  GDateTime  *received_at;
} Receipt;

static void
receipt_clear (Receipt *receipt)
{
  g_clear_object (&receipt->parser);
  g_clear_pointer (&receipt->received_at, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Receipt, receipt_clear)

/* FALSE when the answer holds no complete receipt: cut short by a proxy,
 * or not a receipt; the next attempt gets it. */
static gboolean
read_receipt (GBytes  *body,
              Receipt *receipt)
{
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  const char *received;
  JsonNode *root, *member;

  receipt->parser = json_parser_new ();
  if (data == NULL || size == 0 || !json_parser_load_from_data (receipt->parser, data, size, NULL) ||
      (root = json_parser_get_root (receipt->parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  member = json_object_get_member (json_node_get_object (root), "receipt");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    return FALSE;

  receipt->object = json_node_get_object (member);
  receipt->number = json_object_get_string_member_with_default (receipt->object, "number", NULL);
  receipt->digest = json_object_get_string_member_with_default (receipt->object, "digest", NULL);
  received = json_object_get_string_member_with_default (receipt->object, "received_at", NULL);
  if (received != NULL)
    receipt->received_at = g_date_time_new_from_iso8601 (received, NULL);
  return receipt->number != NULL && *receipt->number != '\0' && receipt->digest != NULL &&
         receipt->received_at != NULL;
}

/* The receipt could not be stored. Another receipt for the same item: a
 * protocol error; a store that cannot be written: try again later, the
 * platform keeps it. */
static ZichaSyncOutcome *
receipt_not_stored (Pass         *pass,
                    guint         status,
                    const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The receipt could not be saved: %s"), error->message);

  if (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID))
    return failure (pass, ZICHA_SYNC_STATUS_FAILED, status, "protocol", message, NULL);
  return failure (pass, ZICHA_SYNC_STATUS_WAITING, status, "store", message, NULL);
}

/* The answer as received, kept with the receipt. */
static char *
dup_body_text (GBytes *body)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  return g_strndup (data, size);
}

/* 200 or 201: the receipt for this report and digest, stored. */
static ZichaSyncOutcome *
take_receipt (ZichaSync *self,
              Pass      *pass,
              guint      status,
              GBytes    *body)
{
  g_auto(Receipt) receipt = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ZichaSyncOutcome *outcome;
  const char *report_uuid = NULL;
  const char *kind;

  if (!read_receipt (body, &receipt) ||
      (report_uuid = json_object_get_string_member_with_default (receipt.object, "report_uuid", NULL)) == NULL)
    return failure (pass, ZICHA_SYNC_STATUS_WAITING, status, "protocol",
                    _("The platform’s answer was not a complete receipt; the report will be sent again."),
                    NULL);

  /* A receipt for something else is not proof of delivery. */
  kind = json_object_get_string_member_with_default (receipt.object, "kind", "report");
  if (g_strcmp0 (kind, "report") != 0 ||
      g_ascii_strcasecmp (report_uuid, pass->entry->report_uuid) != 0 ||
      g_strcmp0 (receipt.digest, pass->digest) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The platform answered with a receipt for other contents (report %s, digest %s); "
                           "the report was not acknowledged. Report this to the platform’s operator."),
                         report_uuid, receipt.digest);

      return failure (pass, ZICHA_SYNC_STATUS_FAILED, status, "protocol", message, NULL);
    }

  text = dup_body_text (body);
  if (!zicha_store_add_receipt (self->store, pass->entry->report_uuid, receipt.number, receipt.received_at,
                                receipt.digest, text, &error))
    return receipt_not_stored (pass, status, error);

  outcome = outcome_new (pass->entry->report_uuid,
                         status == SOUP_STATUS_CREATED ? ZICHA_SYNC_STATUS_DELIVERED
                                                       : ZICHA_SYNC_STATUS_ALREADY_DELIVERED);
  outcome->http_status = status;
  outcome->receipt_number = g_strdup (receipt.number);
  outcome->received_at = g_steal_pointer (&receipt.received_at);
  return outcome;
}

/* 200 or 201 for feedback: the receipt for this feedback and digest,
 * stored. */
static ZichaSyncOutcome *
take_feedback_receipt (ZichaSync *self,
                       Pass      *pass,
                       guint      status,
                       GBytes    *body)
{
  g_auto(Receipt) receipt = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ZichaSyncOutcome *outcome;
  const char *feedback_uuid = NULL;
  const char *notice_id;
  const char *kind;
  gboolean late;

  if (!read_receipt (body, &receipt) ||
      (feedback_uuid = json_object_get_string_member_with_default (receipt.object, "feedback_uuid", NULL)) == NULL)
    return failure (pass, ZICHA_SYNC_STATUS_WAITING, status, "protocol",
                    _("The platform’s answer was not a complete receipt; the feedback will be sent again."),
                    NULL);

  notice_id = json_object_get_string_member_with_default (receipt.object, "notice_id", NULL);
  kind = json_object_get_string_member_with_default (receipt.object, "kind", NULL);
  late = json_object_get_boolean_member_with_default (receipt.object, "late", FALSE);
  if (g_strcmp0 (kind, "feedback") != 0 ||
      g_ascii_strcasecmp (feedback_uuid, pass->feedback->uuid) != 0 ||
      (notice_id != NULL && g_ascii_strcasecmp (notice_id, pass->feedback->notice_id) != 0) ||
      g_strcmp0 (receipt.digest, pass->digest) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The platform answered with a receipt for other contents (feedback %s, digest %s); "
                           "the feedback was not acknowledged. Report this to the platform’s operator."),
                         feedback_uuid, receipt.digest);

      return failure (pass, ZICHA_SYNC_STATUS_FAILED, status, "protocol", message, NULL);
    }

  text = dup_body_text (body);
  if (!zicha_store_add_feedback_receipt (self->store, pass->feedback->uuid, receipt.number, receipt.received_at,
                                         late, text, &error))
    return receipt_not_stored (pass, status, error);

  outcome = outcome_new (NULL, status == SOUP_STATUS_CREATED ? ZICHA_SYNC_STATUS_DELIVERED
                                                             : ZICHA_SYNC_STATUS_ALREADY_DELIVERED);
  outcome->feedback_uuid = g_strdup (pass->feedback->uuid);
  outcome->http_status = status;
  outcome->receipt_number = g_strdup (receipt.number);
  outcome->received_at = g_steal_pointer (&receipt.received_at);
  outcome->late = late;
  return outcome;
}

static gboolean
is_transient_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case 429:  /* Too Many Requests; libsoup 3.2 has no name for it */
    case SOUP_STATUS_INTERNAL_SERVER_ERROR:
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return TRUE;
    default:
      return status >= 500 && status < 600;
    }
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *message_zh = NULL;
  ZichaSyncOutcome *outcome;
  guint status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pass_return (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (pass->message);
  if (status != 0)
    record_clock_offset (self, pass->message);

  if (error != NULL)
    {
      /* A certificate nobody trusted: permanent until the user trusts it;
       * never retried with verification off. */
      if (pass->peer_errors != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *fingerprint = certificate_fingerprint (pass->peer_certificate);
          g_autofree char *text =
            g_strdup_printf (_("The platform’s certificate is not trusted (SHA-256 fingerprint %s). "
                               "Compare the fingerprint with the one the platform’s operator gave you, "
                               "then trust that certificate explicitly."),
                             fingerprint != NULL ? fingerprint : _("unknown"));

          outcome = failure (pass, ZICHA_SYNC_STATUS_FAILED, 0, "certificate", text, NULL);
          set_block (self, ZICHA_SYNC_BLOCK_CERTIFICATE);
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_("The platform could not be reached: %s"), error->message);

          outcome = failure (pass, ZICHA_SYNC_STATUS_WAITING, 0, "network", text, NULL);
        }
      finish_report (task, outcome, 0);
      send_next (task);
      return;
    }

  if (status == SOUP_STATUS_OK || status == SOUP_STATUS_CREATED)
    {
      outcome = pass->feedback != NULL ? take_feedback_receipt (self, pass, status, body)
                                       : take_receipt (self, pass, status, body);
      finish_report (task, outcome, 0);
      send_next (task);
      return;
    }

  if (!parse_error_body (body, &code, &message, &message_zh))
    {
      g_clear_pointer (&code, g_free);
      g_clear_pointer (&message, g_free);
      g_clear_pointer (&message_zh, g_free);
      code = g_strdup_printf ("http-%u", status);
      if (status >= 400 && status < 500)
        message = g_strdup_printf (_("The platform refused the report (HTTP %u %s)."),
                                   status, soup_status_get_phrase (status));
      else if (status >= 300 && status < 400)
        message = g_strdup_printf (_("The platform address answered with a redirection (HTTP %u); "
                                     "check the platform address."), status);
      else
        message = g_strdup_printf (_("The platform could not be reached (HTTP %u %s)."),
                                   status, soup_status_get_phrase (status));
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (message == NULL)
        message = g_strdup (_("The platform did not accept the unit token."));
      outcome = failure (pass, ZICHA_SYNC_STATUS_FAILED, status, "unauthorized", message, message_zh);
      set_block (self, ZICHA_SYNC_BLOCK_UNAUTHORIZED);
    }
  else if (is_transient_status (status))
    {
      /* Proxies' pages are not shown: "could not be reached". */
      if (g_str_has_prefix (code, "http-"))
        outcome = failure (pass, ZICHA_SYNC_STATUS_WAITING, status, code, message, NULL);
      else
        outcome = failure (pass, ZICHA_SYNC_STATUS_WAITING, status, code, message, message_zh);
      finish_report (task, outcome, parse_retry_after (self, pass->message));
      send_next (task);
      return;
    }
  else
    outcome = failure (pass, ZICHA_SYNC_STATUS_FAILED, status, code, message, message_zh);

  finish_report (task, outcome, 0);
  send_next (task);
}

/* Exports the package and starts the PUT. FALSE when the report could
 * not be prepared (the outcome is recorded). */
static gboolean
start_report (GTask *task)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *version = NULL;
  SoupMessageHeaders *headers;

  report = zicha_store_get_report (self->store, pass->entry->report_uuid, &error);
  if (report == NULL)
    goto local_failure;

  version = g_strdup_printf ("%u", zicha_form_get_version (self->form));
  if (g_strcmp0 (zicha_report_get_form_id (report), zicha_form_get_id (self->form)) != 0 ||
      g_strcmp0 (zicha_report_get_form_version (report), version) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The report uses the form “%s” version %s, which is not installed."),
                         zicha_report_get_form_id (report), zicha_report_get_form_version (report));

      finish_report (task, failure (pass, ZICHA_SYNC_STATUS_FAILED, 0, "package", message, NULL), 0);
      return FALSE;
    }

  pass->tmpdir = g_dir_make_tmp ("zicha-sync-XXXXXX", &error);
  if (pass->tmpdir == NULL)
    goto local_failure;
  pass->package_path = g_build_filename (pass->tmpdir, "report.zicha", NULL);

  if (!zicha_package_export_full (self->store, self->form, pass->entry->report_uuid, NULL, NULL,
                                  pass->package_path, &pass->digest, &error))
    goto local_failure;

  mapped = g_mapped_file_new (pass->package_path, FALSE, &error);
  if (mapped == NULL)
    goto local_failure;
  package = g_mapped_file_get_bytes (mapped);

  path = g_strconcat ("api/v1/reports/", pass->entry->report_uuid, NULL);
  uri = g_uri_parse_relative (self->base_uri, path, G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL)
    goto local_failure;

  pass->message = soup_message_new_from_uri ("PUT", uri);
  soup_message_add_flags (pass->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (pass->message);
  authorization = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  soup_message_headers_replace (headers, "X-Zicha-Digest", pass->digest);
  /* No "Expect: 100-continue" although the API recommends it: with it,
   * libsoup 3.2 (Debian 12) closes the unsent body stream after an early
   * answer (200, 409, 401) and its close callback can use the freed
   * message (a crash, seen in test-sync under load). The platform reads
   * and discards the body instead. */
  set_request_body (pass, PACKAGE_MEDIA_TYPE, package);
  g_signal_connect (pass->message, "accept-certificate", G_CALLBACK (accept_certificate_cb), task);

  soup_session_send_and_read_async (self->session, pass->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, g_object_ref (task));
  return TRUE;

local_failure:
  {
    g_autofree char *message = g_strdup_printf (_("The report could not be prepared for sending: %s"),
                                                error->message);

    /* A package that cannot be written as it is will not be later;
     * a full disk or a busy database may. */
    if (error->domain == ZICHA_PACKAGE_ERROR)
      finish_report (task, failure (pass, ZICHA_SYNC_STATUS_FAILED, 0, "package", message, NULL), 0);
    else
      finish_report (task, failure (pass, ZICHA_SYNC_STATUS_WAITING, 0, "local", message, NULL), 0);
    return FALSE;
  }
}

/* Feedback ------------------------------------------------------------------ */

static SoupMessage *
new_request (ZichaSync   *self,
             GTask       *task,
             const char  *method,
             const char  *path,
             GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (self->base_uri, path, G_URI_FLAGS_ENCODED, error);
  g_autofree char *authorization = NULL;
  SoupMessage *message;

  if (uri == NULL)
    return NULL;

  message = soup_message_new_from_uri (method, uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  authorization = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), task);
  return message;
}

/* Builds the feedback package and starts the PUT. FALSE when it could not
 * be prepared (the outcome is recorded). */
static gboolean
start_feedback (GTask *task)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pass->feedback_package = zicha_feedback_package_build (self->store, pass->feedback->uuid, &pass->digest, &error);
  if (pass->feedback_package == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The feedback could not be prepared for sending: %s"),
                                                  error->message);

      if (error->domain == ZICHA_PACKAGE_ERROR)
        finish_report (task, failure (pass, ZICHA_SYNC_STATUS_FAILED, 0, "package", message, NULL), 0);
      else
        finish_report (task, failure (pass, ZICHA_SYNC_STATUS_WAITING, 0, "local", message, NULL), 0);
      return FALSE;
    }

  path = g_strconcat ("api/v1/notices/", pass->feedback->notice_id, "/feedback/", pass->feedback->uuid, NULL);
  pass->message = new_request (self, task, "PUT", path, &error);
  if (pass->message == NULL)
    {
      finish_report (task, failure (pass, ZICHA_SYNC_STATUS_FAILED, 0, "local", error->message, NULL), 0);
      return FALSE;
    }

  soup_message_headers_replace (soup_message_get_request_headers (pass->message), "X-Zicha-Digest", pass->digest);
  /* No "Expect: 100-continue", as for reports (see start_report()). */
  set_request_body (pass, ZICHA_FEEDBACK_MEDIA_TYPE, pass->feedback_package);
  soup_session_send_and_read_async (self->session, pass->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, g_object_ref (task));
  return TRUE;
}

static void
send_next_feedback (GTask *task)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  while (pass->feedback_queue != NULL && pass->next_feedback < pass->feedback_queue->len)
    {
      GError *error = NULL;

      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
        {
          pass_return (task, error);
          return;
        }

      /* Stopped by a 401 or a certificate: they stay due. */
      if (self->block != ZICHA_SYNC_BLOCK_NONE)
        break;

      pass->feedback = pass->feedback_queue->pdata[pass->next_feedback++];
      {
        ZichaSyncOutcome *sending = outcome_new (NULL, ZICHA_SYNC_STATUS_SENDING);

        sending->feedback_uuid = g_strdup (pass->feedback->uuid);
        g_signal_emit (self, signals[FEEDBACK_CHANGED], 0, sending);
        zicha_sync_outcome_free (sending);
      }

      if (start_feedback (task))
        return;
    }

  fetch_notices (task);
}

/* Notices ------------------------------------------------------------------- */

static void
notices_failed (ZichaSync  *self,
                GError     *error)
{
  g_debug ("Fetching the notices failed: %s", error->message);
  g_clear_error (&self->notices_error);
  self->notices_error = error;
}

/* Stores one page; FALSE when it was not a page of notices. */
static gboolean
store_notices (ZichaSync  *self,
               Pass       *pass,
               GBytes     *body,
               gboolean   *more,
               GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) fetched_at = now_utc (self);
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  const char *unit_code;
  JsonNode *root;
  JsonObject *object;
  JsonNode *notices;
  JsonArray *array;

  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (notices = json_object_get_member ((object = json_node_get_object (root)), "notices")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (notices))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The platform’s list of notices could not be read."));
      return FALSE;
    }

  array = json_node_get_array (notices);
  *more = json_object_get_boolean_member_with_default (object, "more", FALSE);

  unit_code = json_object_get_string_member_with_default (object, "unit_code", NULL);
  if (unit_code != NULL && *unit_code != '\0')
    {
      g_autofree char *known = zicha_store_get_platform_value (self->store, UNIT_CODE_KEY, NULL);

      if (g_strcmp0 (known, unit_code) != 0 &&
          !zicha_store_set_platform_value (self->store, UNIT_CODE_KEY, unit_code, error))
        return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(ZichaNotice) notice = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *updated = NULL;
      gboolean changed = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (notice = zicha_notice_new_from_json (json_node_get_object (element), &local_error)) == NULL)
        {
          g_debug ("Skipping a notice: %s", local_error != NULL ? local_error->message : "not an object");
          continue;
        }

      if (!zicha_store_save_notice (self->store, notice, fetched_at, &changed, error))
        return FALSE;
      if (changed)
        pass->notices_changed = TRUE;

      updated = g_date_time_format_iso8601 (zicha_notice_get_updated_at (notice));
      {
        g_autoptr(GDateTime) cursor = pass->notices_cursor != NULL
                                      ? g_date_time_new_from_iso8601 (pass->notices_cursor, NULL) : NULL;

        if (cursor == NULL || g_date_time_compare (zicha_notice_get_updated_at (notice), cursor) > 0)
          {
            g_free (pass->notices_cursor);
            pass->notices_cursor = g_steal_pointer (&updated);
          }
      }
    }

  return TRUE;
}

static void notices_fetched_cb (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);

/* GET /notices?since=: a second before the newest change seen, so a
 * change in the same second is not missed (saving is idempotent). */
static void
fetch_notices (GTask *task)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *since_text = NULL;
  g_autoptr(GDateTime) since = NULL;

  if (self->block != ZICHA_SYNC_BLOCK_NONE || pass->notice_pages >= MAX_NOTICE_PAGES)
    {
      pass_return (task, NULL);
      return;
    }

  if (pass->notices_cursor == NULL)
    pass->notices_cursor = zicha_store_get_platform_value (self->store, NOTICES_SINCE_KEY, NULL);
  if (pass->notices_cursor != NULL)
    {
      g_autoptr(GDateTime) cursor = g_date_time_new_from_iso8601 (pass->notices_cursor, NULL);

      if (cursor != NULL)
        {
          g_autoptr(GDateTime) earlier = g_date_time_add_seconds (cursor, -1);
          g_autoptr(GDateTime) utc = g_date_time_to_utc (earlier);

          since_text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
        }
    }

  if (since_text != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (since_text, NULL, FALSE);

      path = g_strconcat ("api/v1/notices?since=", escaped, NULL);
    }
  else
    path = g_strdup ("api/v1/notices");

  pass->notice_pages++;
  pass->message = new_request (self, task, "GET", path, &error);
  if (pass->message == NULL)
    {
      notices_failed (self, g_steal_pointer (&error));
      pass_return (task, NULL);
      return;
    }

  soup_session_send_and_read_async (self->session, pass->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), notices_fetched_cb, g_object_ref (task));
}

static void
notices_fetched_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  gboolean more = FALSE;
  guint status;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pass_return (task, g_steal_pointer (&error));
      return;
    }

  if (error != NULL)
    {
      if (pass->peer_errors != 0 || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        set_block (self, ZICHA_SYNC_BLOCK_CERTIFICATE);
      notices_failed (self, g_steal_pointer (&error));
      pass_return (task, NULL);
      return;
    }

  status = soup_message_get_status (pass->message);
  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;
      g_autofree char *message_zh = NULL;

      if (status == SOUP_STATUS_UNAUTHORIZED)
        set_block (self, ZICHA_SYNC_BLOCK_UNAUTHORIZED);
      if (!parse_error_body (body, &code, &message, &message_zh) || message == NULL)
        {
          g_free (message);
          message = g_strdup_printf (_("The platform could not list the notices (HTTP %u %s)."),
                                     status, soup_status_get_phrase (status));
        }
      notices_failed (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, message));
      pass_return (task, NULL);
      return;
    }

  /* Only a real answer of the platform's sets the clock. */
  record_clock_offset (self, pass->message);

  if (!store_notices (self, pass, body, &more, &error))
    {
      notices_failed (self, g_steal_pointer (&error));
      pass_return (task, NULL);
      return;
    }

  if (pass->notices_cursor != NULL &&
      !zicha_store_set_platform_value (self->store, NOTICES_SINCE_KEY, pass->notices_cursor, &error))
    g_warning ("Could not keep the notices cursor: %s", error->message);
  g_clear_error (&self->notices_error);

  clear_current (pass);
  if (more)
    fetch_notices (task);
  else
    pass_return (task, NULL);
}

/* Reports --------------------------------------------------------------------- */

static void
send_next (GTask *task)
{
  ZichaSync *self = g_task_get_source_object (task);
  Pass *pass = g_task_get_task_data (task);

  while (pass->next < pass->queue->len)
    {
      ZichaSyncOutcome *sending;

      GCancellable *cancellable = g_task_get_cancellable (task);
      GError *error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          pass_return (task, error);
          return;
        }

      pass->entry = pass->queue->pdata[pass->next++];

      /* They share the token (or the certificate): the rest wait. */
      if (self->block != ZICHA_SYNC_BLOCK_NONE)
        {
          ZichaSyncOutcome *outcome = outcome_new (pass->entry->report_uuid, ZICHA_SYNC_STATUS_FAILED);

          outcome->code = g_strdup (self->block == ZICHA_SYNC_BLOCK_UNAUTHORIZED ? "unauthorized" : "certificate");
          outcome->message = g_strdup (self->block == ZICHA_SYNC_BLOCK_UNAUTHORIZED
                                       ? _("Not sent: the platform did not accept the unit token.")
                                       : _("Not sent: the platform’s certificate is not trusted."));
          g_ptr_array_add (pass->outcomes, outcome);
          pass->entry = NULL;
          continue;
        }

      sending = outcome_new (pass->entry->report_uuid, ZICHA_SYNC_STATUS_SENDING);
      emit_changed (self, sending);
      zicha_sync_outcome_free (sending);

      if (start_report (task))
        return;
    }

  send_next_feedback (task);
}

void
zicha_sync_run_async (ZichaSync           *self,
                      ZichaSyncRunFlags    flags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  Pass *pass;

  g_return_if_fail (ZICHA_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zicha_sync_run_async);

  if (self->pass != NULL)
    {
      g_task_return_new_error (task, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_BUSY, "%s",
                               _("The reports are being sent already."));
      return;
    }

  pass = g_new0 (Pass, 1);
  pass->flags = flags;
  pass->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_sync_outcome_free);
  g_task_set_task_data (task, pass, (GDestroyNotify) pass_free);

  if (flags & ZICHA_SYNC_RUN_ALL)
    {
      /* The user asked: what a 401 or a certificate stopped goes again. */
      release_blocked_entries (self, NULL);
      set_block (self, ZICHA_SYNC_BLOCK_NONE);
      pass->queue = zicha_store_list_outbox (self->store, &error);
      for (guint i = 0; pass->queue != NULL && i < pass->queue->len;)
        {
          ZichaOutboxEntry *entry = pass->queue->pdata[i];

          if (entry->permanent_failure)
            g_ptr_array_remove_index (pass->queue, i);
          else
            i++;
        }
    }
  else
    {
      now = now_utc (self);
      pass->queue = zicha_store_list_due (self->store, now, &error);
    }

  if (pass->queue != NULL)
    pass->feedback_queue = zicha_store_list_due_feedback (self->store, now, &error);

  if (pass->queue == NULL || pass->feedback_queue == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Borrowed: pass_return() clears it. The task holds the object. */
  self->pass = task;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  send_next (task);
}

GPtrArray *
zicha_sync_run_finish (ZichaSync     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (ZICHA_IS_SYNC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The scheduler ------------------------------------------------------------ */

static void
scheduled_pass_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ZichaSync *self = ZICHA_SYNC (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = zicha_sync_run_finish (self, result, &error);

  if (outcomes == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Sending the outbox failed: %s", error->message);

  if (!self->started && !self->pass_queued)
    return;

  if (self->pass_queued)
    schedule_pass (self, 0);
  else
    arm_timer (self);
}

static gboolean
timer_cb (gpointer user_data)
{
  ZichaSync *self = user_data;
  ZichaSyncRunFlags flags = self->queued_flags;
  gboolean forced = (flags & ZICHA_SYNC_RUN_ALL) != 0;

  self->timer_id = 0;

  if (self->pass != NULL)
    {
      self->pass_queued = TRUE;
      return G_SOURCE_REMOVE;
    }

  /* "Send now" is the user's call; the scheduler waits for the network
   * and for a token or certificate that might work. */
  if (!forced && (!self->started || self->block != ZICHA_SYNC_BLOCK_NONE ||
                  !zicha_connectivity_get_online (self->connectivity)))
    return G_SOURCE_REMOVE;

  self->pass_queued = FALSE;
  self->queued_flags = ZICHA_SYNC_RUN_DUE;
  zicha_sync_run_async (self, flags, self->cancellable, scheduled_pass_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_pass (ZichaSync *self,
               guint      delay_ms)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add (delay_ms, timer_cb, self);
}

/* One timer for the earliest due entry. */
static void
arm_timer (ZichaSync *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) next_feedback = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->started || self->block != ZICHA_SYNC_BLOCK_NONE)
    return;

  now = now_utc (self);
  next = zicha_store_get_next_due (self->store, &error);
  if (next == NULL && error != NULL)
    {
      g_warning ("Could not read the outbox: %s", error->message);
      g_clear_error (&error);
    }
  next_feedback = zicha_store_get_next_feedback_due (self->store, &error);
  if (next_feedback == NULL && error != NULL)
    g_warning ("Could not read the feedback outbox: %s", error->message);
  if (next_feedback != NULL && (next == NULL || g_date_time_compare (next_feedback, next) < 0))
    {
      g_clear_pointer (&next, g_date_time_unref);
      next = g_date_time_ref (next_feedback);
    }
  /* Notices come on every pass: one at least every interval. */
  if (next == NULL)
    next = g_date_time_add_seconds (now, ZICHA_SYNC_NOTICES_INTERVAL);

  /* At least a second (nothing spins), at most the cap (a clock that
   * jumped is noticed). */
  wait = g_date_time_difference (next, now) / 1000;
  wait = CLAMP (wait, 1000, (GTimeSpan) ZICHA_SYNC_BACKOFF_CAP * 1000);
  g_debug ("Next pass in %" G_GINT64_FORMAT " ms", wait);
  self->timer_id = g_timeout_add ((guint) wait, timer_cb, self);
}

void
zicha_sync_start (ZichaSync *self)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));

  if (self->started)
    return;

  self->started = TRUE;
  g_signal_connect_swapped (self->connectivity, "notify::online", G_CALLBACK (online_changed_cb), self);
  if (zicha_connectivity_get_online (self->connectivity))
    schedule_pass (self, 0);
}

void
zicha_sync_stop (ZichaSync *self)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));

  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->pass_queued = FALSE;
  self->queued_flags = ZICHA_SYNC_RUN_DUE;

  if (!self->started)
    return;

  self->started = FALSE;
  g_signal_handlers_disconnect_by_func (self->connectivity, online_changed_cb, self);

  /* The pass in flight stops; its report stays due. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

void
zicha_sync_queue_pass (ZichaSync *self,
                       gboolean   all)
{
  g_return_if_fail (ZICHA_IS_SYNC (self));

  if (all)
    self->queued_flags |= ZICHA_SYNC_RUN_ALL;

  if (self->pass != NULL)
    {
      self->pass_queued = TRUE;
      return;
    }

  schedule_pass (self, 0);
}
