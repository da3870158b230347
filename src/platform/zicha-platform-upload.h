/* zicha-platform-upload.h — the idempotent PUT of a package, shared by
 * reports and feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zicha-platform-server-private.h"

G_BEGIN_DECLS

#define ZICHA_PLATFORM_DIGEST_HEADER "X-Zicha-Digest"

typedef struct _ZichaPlatformUpload ZichaPlatformUpload;

/* What tells one kind of upload (a report, feedback) from another. */
typedef struct
{
  const char *media_type;
  /* 411, 415 and 503 (too many uploads) messages. */
  const char *length_required_message;
  const char *media_type_message;
  const char *media_type_message_zh;
  const char *too_large_noun_zh;         /* "报告包": "…超过 N 字节的上限。" */
  const char *busy_message;
  const char *busy_message_zh;

  /* The body of a 409: received before with @existing_digest. */
  char     *(*conflict_body)    (const char               *existing_digest);

  /* From the well-formed headers: answers what was received before, or
   * refuses, and returns FALSE; TRUE to read the body. */
  gboolean  (*check_existing)   (ZichaPlatformServer      *self,
                                 SoupServerMessage        *msg,
                                 const ZichaPlatformRoute *route,
                                 const ZichaPlatformUnit  *unit,
                                 const char               *digest);
  /* On the main thread once the body is in (nullable): the kind's own
   * data for the worker thread, freed with *@data_free. */
  gpointer  (*prepare)          (ZichaPlatformServer      *self,
                                 const ZichaPlatformRoute *route,
                                 const ZichaPlatformUnit  *unit,
                                 GDestroyNotify           *data_free);
  /* On a worker thread: verifies and stores the package, leaving the
   * answer in the upload. */
  void      (*verify_and_store) (ZichaPlatformUpload      *upload);
} ZichaPlatformUploadKind;

/* What a worker thread decided, applied to the message on the main
 * thread. */
struct _ZichaPlatformUpload
{
  const ZichaPlatformUploadKind *kind;
  ZichaPlatformServer *server;
  SoupServerMessage   *msg;
  ZichaPlatformUnit   *unit;
  char                *first;          /* route->first: report or notice id */
  char                *second;         /* route->second: feedback UUID, or NULL */
  char                *claimed_digest;
  GBytes              *package;
  gpointer             data;           /* the kind's own */
  GDestroyNotify       data_free;

  guint                status;
  char                *body;
  char                *location;
  guint                retry_after;    /* seconds; 0: no Retry-After */
};

/* Main thread ------------------------------------------------------------- */

/* PUT, from the headers, before the body is read: refuses, answers what
 * was received before (@kind->check_existing), or accepts the body
 * (returns TRUE). */
gboolean  _zicha_platform_upload_check_put (ZichaPlatformServer           *self,
                                            SoupServerMessage             *msg,
                                            const ZichaPlatformUploadKind *kind,
                                            const ZichaPlatformRoute      *route,
                                            const ZichaPlatformUnit       *unit);
/* PUT once the body is in: @kind->verify_and_store runs on a worker
 * thread, the message paused meanwhile. */
void      _zicha_platform_upload_put       (ZichaPlatformServer           *self,
                                            SoupServerMessage             *msg,
                                            const ZichaPlatformUploadKind *kind,
                                            const ZichaPlatformRoute      *route,
                                            const ZichaPlatformUnit       *unit);

/* PUT /reports/{uuid} (zicha-platform-reports.c) and
 * PUT /notices/{id}/feedback/{uuid} (zicha-platform-feedback.c). */
extern const ZichaPlatformUploadKind _zicha_platform_report_upload;
extern const ZichaPlatformUploadKind _zicha_platform_feedback_upload;

/* Worker thread ----------------------------------------------------------- */

/* 422 with an error body. */
void      _zicha_platform_upload_refuse    (ZichaPlatformUpload *upload,
                                            const char          *code,
                                            const char          *message,
                                            const char          *message_zh,
                                            JsonObject          *extra);
/* 422 package_refused for a package that failed verification: @error. */
void      _zicha_platform_upload_refuse_package (ZichaPlatformUpload *upload,
                                                 const GError        *error,
                                                 const char          *message_zh);
/* 422 digest_mismatch, @noun ("package", "feedback") naming what has
 * @digest. */
void      _zicha_platform_upload_refuse_digest (ZichaPlatformUpload *upload,
                                                const char          *noun,
                                                const char          *digest,
                                                const char          *message_zh);
/* A new receipt number and the package's SHA-256; FALSE with a 500
 * answer when there is no number. */
gboolean  _zicha_platform_upload_prepare   (ZichaPlatformUpload  *upload,
                                            GDateTime            *now,
                                            char                **number,
                                            char                **package_sha256);
/* Storing failed with @error: 503 when busy, else 500 (logged, naming
 * @what). */
void      _zicha_platform_upload_store_failed (ZichaPlatformUpload *upload,
                                               const GError        *error,
                                               const char          *what);
/* Stored (by this upload when @created, else by one racing it): 201 with
 * @receipt and @location, 200 with @receipt when @same, else 409 for
 * @stored_digest. Takes @location. */
void      _zicha_platform_upload_stored    (ZichaPlatformUpload *upload,
                                            gboolean             created,
                                            gboolean             same,
                                            const char          *stored_digest,
                                            const char          *receipt,
                                            char                *location);

G_END_DECLS
