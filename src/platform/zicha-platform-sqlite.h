/* zicha-platform-sqlite.h — the platform's storage in one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's conventions (docs/store.md): WAL, synchronous=FULL (a
 * receipt is only issued once the package is on disk), prepared statements
 * kept and reused, schema upgrades through PRAGMA user_version. Two
 * connections, each used by one thread at a time under its mutex: one
 * writes, so the short transactions are serialized (the server verifies
 * packages on worker threads before), the other reads, so look-ups never
 * wait for a commit's fsync.
 */
#pragma once

#include "zicha-platform-storage.h"

G_BEGIN_DECLS

/* The schema this build writes and the newest it reads. */
#define ZICHA_PLATFORM_SQLITE_SCHEMA_VERSION 2

#define ZICHA_TYPE_PLATFORM_SQLITE (zicha_platform_sqlite_get_type ())

G_DECLARE_FINAL_TYPE (ZichaPlatformSqlite, zicha_platform_sqlite, ZICHA, PLATFORM_SQLITE, GObject)

/* Opens or creates the database at @path, upgrading its schema; makes the
 * receipt key the first time. */
ZichaPlatformSqlite *zicha_platform_sqlite_open (const char  *path,
                                                 GError     **error);

G_END_DECLS
