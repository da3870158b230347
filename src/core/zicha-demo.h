/* zicha-demo.h — the example report that ships with Zicha
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * data/demo/ holds a fully filled report for a fictional school, in the
 * answers format (docs/answers-format.md), for trying the program out and
 * for tests. zicha-cli demo and the app's empty start screen load it.
 */
#pragma once

#include <glib.h>

#include "zicha-form.h"
#include "zicha-store.h"

G_BEGIN_DECLS

/* The demo answers of the default form (ZICHA_FORM_DEFAULT_FILE_NAME). */
#define ZICHA_DEMO_DEFAULT_FILE_NAME "edu-cybersec-selfcheck-2019-demo.json"

/* Path of the demo answers: the first of $ZICHA_DATADIR/demo,
 * PKGDATADIR/demo (installed) and SOURCE_DATADIR/demo (uninstalled) that
 * has ZICHA_DEMO_DEFAULT_FILE_NAME; NULL when none has. */
char        *zicha_demo_default_path  (void);

/* A new draft in @store filled with the example answers. Each call makes
 * another one. */
ZichaReport *zicha_demo_create_report (ZichaStore  *store,
                                       ZichaForm   *form,
                                       GError     **error);

G_END_DECLS
