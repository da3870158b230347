/* zicha-platform-server-private.h — shared by the server and its endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "zicha-form.h"
#include "zicha-platform-server.h"

G_BEGIN_DECLS

/* RFC 6585; libsoup 3.2 has no name for it. */
#define ZICHA_PLATFORM_STATUS_TOO_MANY_REQUESTS 429

/* A form the platform serves: the definition's bytes as in the file. */
typedef struct
{
  ZichaForm *form;
  GBytes    *definition;
  char      *sha256;
} ZichaPlatformForm;

struct _ZichaPlatformServer
{
  GObject               parent_instance;

  SoupServer           *soup;
  ZichaPlatformStorage *storage;
  GPtrArray            *forms;        /* ZichaPlatformForm* */
  GPtrArray            *form_objects; /* ZichaForm*, for verification */

  GBytes               *receipt_key;
  char                 *receipt_key_id;

  GHashTable           *buckets;      /* token SHA-256 → ZichaPlatformRateBucket* (main thread only) */
  guint                 rate_limit;   /* per token per minute; 0: none */
  gsize                 max_package_size;
  guint                 max_uploads;
  guint                 n_uploads;    /* being received or verified (main thread only) */
};

typedef enum
{
  ZICHA_PLATFORM_ROUTE_NONE,
  ZICHA_PLATFORM_ROUTE_REPORT,            /* /reports/{uuid} */
  ZICHA_PLATFORM_ROUTE_REPORT_RECEIPT,    /* /reports/{uuid}/receipt */
  ZICHA_PLATFORM_ROUTE_NOTICES,           /* /notices */
  ZICHA_PLATFORM_ROUTE_NOTICE,            /* /notices/{uuid} */
  ZICHA_PLATFORM_ROUTE_FEEDBACK,          /* /notices/{uuid}/feedback/{uuid} */
  ZICHA_PLATFORM_ROUTE_FEEDBACK_RECEIPT,  /* /notices/{uuid}/feedback/{uuid}/receipt */
  ZICHA_PLATFORM_ROUTE_FORMS,             /* /forms */
  ZICHA_PLATFORM_ROUTE_FORM,              /* /forms/{id}/{version} */
} ZichaPlatformRouteKind;

typedef struct
{
  ZichaPlatformRouteKind  kind;
  char                   *first;   /* report, notice or form id, when the path has one */
  char                   *second;  /* feedback UUID or form version */
} ZichaPlatformRoute;

/* Replies (main thread) ---------------------------------------------------- */

/* A JSON error body: {"error": {"code", "message", "message_zh", …@extra}}.
 * @extra (nullable) members are added; it is not consumed. */
char     *_zicha_platform_error_body     (const char          *code,
                                          const char          *message,
                                          const char          *message_zh,
                                          JsonObject          *extra);
/* Sets status, body and the headers every answer carries (Date,
 * Cache-Control). */
void      _zicha_platform_reply_bytes    (SoupServerMessage   *msg,
                                          guint                status,
                                          const char          *content_type,
                                          const char          *data,
                                          gsize                size);
void      _zicha_platform_reply_json     (SoupServerMessage   *msg,
                                          guint                status,
                                          const char          *json);
void      _zicha_platform_reply_error    (SoupServerMessage   *msg,
                                          guint                status,
                                          const char          *code,
                                          const char          *message,
                                          const char          *message_zh);
/* 429 or 503 with Retry-After. */
void      _zicha_platform_reply_retry    (SoupServerMessage   *msg,
                                          guint                status,
                                          const char          *code,
                                          guint                seconds,
                                          const char          *message,
                                          const char          *message_zh);
/* 500: logged, nothing said about why. */
void      _zicha_platform_reply_internal (SoupServerMessage   *msg,
                                          const GError        *error);
/* A storage failure: BUSY → 503, anything else → 500. */
void      _zicha_platform_reply_storage_error (SoupServerMessage *msg,
                                               const GError      *error);

/* Whether @text is a UUID as Zicha writes them (lower case). */
gboolean  _zicha_platform_is_uuid        (const char          *text);
/* ISO 8601 UTC with seconds. */
char     *_zicha_platform_format_time    (GDateTime           *time);

/* Endpoints --------------------------------------------------------------- */

/* PUT of reports and feedback: zicha-platform-upload.h. */

void      _zicha_platform_reports_get_receipt (ZichaPlatformServer      *self,
                                               SoupServerMessage        *msg,
                                               const ZichaPlatformRoute *route,
                                               const ZichaPlatformUnit  *unit);

void      _zicha_platform_notices_list        (ZichaPlatformServer      *self,
                                               SoupServerMessage        *msg,
                                               const ZichaPlatformUnit  *unit);
void      _zicha_platform_notices_get         (ZichaPlatformServer      *self,
                                               SoupServerMessage        *msg,
                                               const ZichaPlatformRoute *route,
                                               const ZichaPlatformUnit  *unit);

void      _zicha_platform_feedback_get_receipt (ZichaPlatformServer     *self,
                                               SoupServerMessage        *msg,
                                               const ZichaPlatformRoute *route,
                                               const ZichaPlatformUnit  *unit);
/* {"receipt": @receipt, "signature": HMAC-SHA256 of its canonical JSON};
 * takes @receipt. */
char     *_zicha_platform_sign_receipt        (ZichaPlatformServer      *self,
                                               JsonObject               *receipt);

void      _zicha_platform_forms_list          (ZichaPlatformServer      *self,
                                               SoupServerMessage        *msg);
void      _zicha_platform_forms_get           (ZichaPlatformServer      *self,
                                               SoupServerMessage        *msg,
                                               const ZichaPlatformRoute *route);

/* The end of an upload, accepted or not (main thread). */
void      _zicha_platform_server_upload_done  (ZichaPlatformServer      *self);

G_END_DECLS
