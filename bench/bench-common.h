/* bench-common.h — clocks, statistics and files every benchmark uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zicha-form.h"

G_BEGIN_DECLS

/* CLOCK_MONOTONIC (the clock of g_get_monotonic_time()), in microseconds
 * and in seconds. */
double     bench_now_us            (void);
double     bench_now_s             (void);

/* Nearest-rank percentile of @n samples (doubles) starting at @first. */
double     bench_percentile        (GArray     *samples,
                                    guint       first,
                                    guint       n,
                                    guint       percent);

/* The median of all samples (doubles): the middle one, or the mean of the
 * two middle ones; 0.0 when there are none. */
double     bench_median            (GArray     *samples);

/* Removes a benchmark's own directory. It must hold only what the program
 * wrote: files and folders (such as a store's backups/), no links out. */
void       bench_remove_tree       (const char *path);

/* The default form (zicha_form_default_path()), or NULL after a message
 * "@program: …" on stderr. @path_out, if not NULL, receives its path. */
ZichaForm *bench_load_default_form (const char  *program,
                                    char       **path_out);

G_END_DECLS
