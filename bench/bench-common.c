/* bench-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include <glib/gstdio.h>

#include "bench-common.h"

double
bench_now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec / 1e3;
}

double
bench_now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static GArray *
sorted_copy (GArray *samples,
             guint   first,
             guint   n)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), n);

  g_array_append_vals (sorted, &g_array_index (samples, double, first), n);
  g_array_sort (sorted, compare_doubles);
  return sorted;
}

double
bench_percentile (GArray *samples,
                  guint   first,
                  guint   n,
                  guint   percent)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  g_return_val_if_fail (n > 0 && first + n <= samples->len, 0.0);

  sorted = sorted_copy (samples, first, n);
  rank = (percent * n + 99) / 100;
  rank = CLAMP (rank, 1, n);
  return g_array_index (sorted, double, rank - 1);
}

double
bench_median (GArray *samples)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = samples->len;

  if (n == 0)
    return 0.0;

  sorted = sorted_copy (samples, 0, n);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2.0;
}

void
bench_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      if (dir != NULL)
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *child = g_build_filename (path, name, NULL);

            bench_remove_tree (child);
          }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

ZichaForm *
bench_load_default_form (const char  *program,
                         char       **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = zicha_form_default_path ();
  ZichaForm *form;

  if (path == NULL)
    {
      fprintf (stderr, "%s: the form is not installed (set ZICHA_DATADIR)\n", program);
      return NULL;
    }
  form = zicha_form_new_from_file (path, &error);
  if (form == NULL)
    {
      fprintf (stderr, "%s: %s\n", program, error->message);
      return NULL;
    }
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return form;
}
