/* zicha-platform-random.h — unit tokens, keys and receipt numbers from the
 * operating system's random source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here reads /dev/urandom through GIO. g_random_*() is a
 * Mersenne Twister seeded from the clock: predictable, never used for
 * secrets.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The prefix of every unit token: "zt1_" + 43 characters of unpadded
 * base64url (32 random bytes). */
#define ZICHA_PLATFORM_TOKEN_PREFIX "zt1_"
#define ZICHA_PLATFORM_TOKEN_LENGTH (4 + 43)

/* @n_bytes bytes from /dev/urandom. */
GBytes   *zicha_platform_random_bytes              (gsize        n_bytes,
                                                    GError     **error);
/* A new unit token. Shown once; only its hash is stored. */
char     *zicha_platform_token_new                 (GError     **error);
/* Whether @text has the shape of a token (prefix, length, alphabet). */
gboolean  zicha_platform_token_is_well_formed      (const char  *text);
/* What the storage keeps of a token: its SHA-256, lower-case hex. */
char     *zicha_platform_token_hash                (const char  *token);
/* "ZP-YYYYMMDD-" + 12 characters of Crockford base32 (60 random bits),
 * the date of @now in UTC. */
char     *zicha_platform_receipt_number_new        (GDateTime   *now,
                                                    GError     **error);

G_END_DECLS
