/* fuzz-package-import.h — the package import fuzz target's entry points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built two ways: with clang -fsanitize=fuzzer,address as
 * fuzz-package-import (meson -Dfuzzing=true), and in every build inside
 * fuzz-replay, which feeds it the seed corpus.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry: imports @data as a package into an empty in-memory
 * store and frees everything. Always returns 0. */
int      LLVMFuzzerTestOneInput (const uint8_t  *data,
                                 size_t          size);

/* The same, telling whether the import succeeded (and why not). */
gboolean fuzz_package_import    (const uint8_t  *data,
                                 size_t          size,
                                 GError        **error);

G_END_DECLS
