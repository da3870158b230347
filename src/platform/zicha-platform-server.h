/* zicha-platform-server.h — the platform API (docs/platform-api.md) on a
 * SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routing, authentication, rate limits and error bodies live in
 * zicha-platform-server.c; the endpoints in zicha-platform-reports.c,
 * zicha-platform-notices.c and zicha-platform-forms.c.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-platform-storage.h"

G_BEGIN_DECLS

/* Defaults, as docs/platform-api.md ("Limits") states them. */
#define ZICHA_PLATFORM_DEFAULT_RATE_LIMIT   120u  /* requests per minute per token */
#define ZICHA_PLATFORM_DEFAULT_MAX_UPLOADS  8u    /* uploads received or verified at once */

#define ZICHA_TYPE_PLATFORM_SERVER (zicha_platform_server_get_type ())

G_DECLARE_FINAL_TYPE (ZichaPlatformServer, zicha_platform_server, ZICHA, PLATFORM_SERVER, GObject)

/* Serves the form definitions (*.json) found in @forms_dir and accepts
 * packages for them; the receipt key comes from @storage. */
ZichaPlatformServer *zicha_platform_server_new          (ZichaPlatformStorage  *storage,
                                                         const char            *forms_dir,
                                                         GError               **error);

/* Requests per minute per token; 0 turns the limit off. */
void                 zicha_platform_server_set_rate_limit       (ZichaPlatformServer *self,
                                                                 guint                requests_per_minute);
/* The largest request body, in bytes (default ZICHA_PACKAGE_MAX_SIZE). */
void                 zicha_platform_server_set_max_package_size (ZichaPlatformServer *self,
                                                                 gsize                max_size);

/* Listens on @address (an IP address) and @port (0: any free port), with
 * TLS when @tls_certificate is not NULL. Returns the base URI,
 * "http://127.0.0.1:PORT" (no final slash). */
char                *zicha_platform_server_listen       (ZichaPlatformServer   *self,
                                                         const char            *address,
                                                         guint                  port,
                                                         GTlsCertificate       *tls_certificate,
                                                         GError               **error);
/* Stops listening and closes the connections. */
void                 zicha_platform_server_disconnect   (ZichaPlatformServer   *self);

G_END_DECLS
