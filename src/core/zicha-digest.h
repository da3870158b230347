/* zicha-digest.h — the report digest: what finalization freezes and the
 * platform checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined exactly in docs/package-format.md, "The report digest": the
 * SHA-256 (lower-case hex) of the canonical answers JSON followed by one
 * line per attachment, sorted by field path, row and hash,
 *
 *   "\n" sha256 " " field_path " " (row id or "-")
 *
 * File names, media types and attachment UUIDs are not part of it.
 */
#pragma once

#include <glib.h>

#include "zicha-answers.h"
#include "zicha-store.h"

G_BEGIN_DECLS

/* @attachments: ZichaAttachment* (only field_path, row_uuid and sha256 are
 * read); NULL or empty when there are none. */
char     *zicha_report_digest           (ZichaAnswers  *answers,
                                         GPtrArray     *attachments);
/* The same from the answers JSON as it travels (answers.json of a
 * package): @canonical_answers must already be canonical, as
 * zicha_answers_to_string() writes it; its bytes are hashed as they are. */
char     *zicha_report_digest_for_text  (const char    *canonical_answers,
                                         gsize          length,
                                         GPtrArray     *attachments);

/* A lower-case hex SHA-256, 64 characters. */
gboolean  zicha_digest_is_valid_sha256  (const char    *text);

/* The lower-case hex SHA-256 of @data, as g_compute_checksum_for_data()
 * writes it. Packages are hashed here: nettle uses the CPU's SHA
 * instructions where it has them, several times faster than GChecksum,
 * and the platform hashes every byte it receives twice (entries, then
 * the package). */
char     *zicha_sha256_hex              (const void    *data,
                                         gsize          length);
char     *zicha_sha256_hex_for_bytes    (GBytes        *bytes);

G_END_DECLS
