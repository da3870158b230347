/* zicha-platform-test.h — a real zicha-platform on 127.0.0.1 for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every wait here is bounded, and nothing here asserts: the functions may
 * be called from a suite's init and cleanup, where CUnit allows no
 * assertions. They report failures with g_printerr() and their results.
 */
#pragma once

#include <stdarg.h>

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ZichaTestPlatform ZichaTestPlatform;

/* Runs `zicha-platform serve --db DB --port 0 --address 127.0.0.1` plus
 * @extra_args (NULL-terminated, nullable) and waits (bounded) for the
 * address it prints. NULL when it did not start, or printed an address
 * other than 127.0.0.1. */
ZichaTestPlatform *zicha_test_platform_start       (const char               *db_path,
                                                    const char * const       *extra_args);
/* "http://127.0.0.1:PORT" ("https://…" with --tls-cert) */
const char        *zicha_test_platform_get_url     (ZichaTestPlatform        *platform);

/* Runs zicha-platform with the arguments after its name (NULL-terminated)
 * and waits for it, bounded. Returns its exit status, or -1 when it did
 * not start, did not finish in time (it is killed) or died of a signal.
 * @out and @err (nullable) get its standard output and error; the error
 * not asked for is printed. */
int                zicha_test_platform_run         (char                    **out,
                                                    char                    **err,
                                                    const char               *first_arg,
                                                    ...) G_GNUC_NULL_TERMINATED;
int                zicha_test_platform_run_va      (char                    **out,
                                                    char                    **err,
                                                    const char               *first_arg,
                                                    va_list                   args);

/* Registers a unit and returns its token (the last line add-unit prints),
 * or NULL. */
char              *zicha_test_platform_add_unit    (const char               *db_path,
                                                    const char               *code,
                                                    const char               *name);

/* Stops the server (SIGTERM, then SIGKILL after a bounded wait) and frees
 * @platform. Returns whether it exited with status 0 on SIGTERM; TRUE for
 * NULL. */
gboolean           zicha_test_platform_stop_clean  (ZichaTestPlatform        *platform);
/* The same, for cleanups that do not ask. */
void               zicha_test_platform_stop        (ZichaTestPlatform        *platform);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaTestPlatform, zicha_test_platform_stop)

G_END_DECLS
