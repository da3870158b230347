/* zicha-data-dir.h — where Zicha's data files (forms, demo) are found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first of $ZICHA_DATADIR/SUBDIR/NAME, PKGDATADIR/SUBDIR/NAME
 * (installed) and SOURCE_DATADIR/SUBDIR/NAME (an uninstalled build) that
 * is a regular file; NULL when none is. */
char *zicha_data_dir_find_file (const char *subdir,
                                const char *name);

G_END_DECLS
