#!/usr/bin/env python3
# check-flatpak-manifest.py — the Flatpak manifest is what Flathub will build
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-flatpak-manifest.py SOURCE_ROOT MANIFEST
#       The manifest's structure, checked with the standard library only:
#       required keys and their types, the app id against the desktop file,
#       the metainfo and meson.build, the sandbox permissions, and a pinned
#       source (archive + sha256, or git + tag/commit) for every module.
#   check-flatpak-manifest.py --show-manifest SOURCE_ROOT MANIFEST
#       flatpak-builder --show-manifest must accept it without warnings
#       (an unknown property is only a warning there). Exit 77 (skipped)
#       when flatpak-builder is not installed.
#
# Prints one line per problem and exits 1 if there is any.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77

# What each permission is for is written down in docs/flatpak.md; anything
# else needs a reason there first.
ALLOWED_FINISH_ARGS = {
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
    '--share=network',
    '--talk-name=org.freedesktop.secrets',
}

REQUIRED = {
    'runtime': str,
    'runtime-version': str,
    'sdk': str,
    'command': str,
    'finish-args': list,
    'cleanup': list,
    'modules': list,
}

SHA256 = re.compile(r'^[0-9a-f]{64}$')
COMMIT = re.compile(r'^[0-9a-f]{40}$')

problems = []


def problem(message):
    problems.append(message)


def check_source(module_name, index, source, manifest_dir, is_app):
    where = 'module “%s” source %d' % (module_name, index)
    if not isinstance(source, dict):
        problem('%s: not an object' % where)
        return
    kind = source.get('type')
    if kind in ('archive', 'file'):
        url = source.get('url')
        if not isinstance(url, str) or not url.startswith('https://'):
            problem('%s: an %s needs an https:// url' % (where, kind))
        sha = source.get('sha256')
        if not isinstance(sha, str) or not SHA256.match(sha):
            problem('%s: an %s needs a sha256 (64 lower-case hex digits)' % (where, kind))
    elif kind == 'git':
        url = source.get('url')
        if not isinstance(url, str) or not url.startswith('https://'):
            problem('%s: a git source needs an https:// url' % where)
        tag = source.get('tag')
        commit = source.get('commit')
        if not (isinstance(tag, str) and tag) and not (isinstance(commit, str) and COMMIT.match(commit)):
            problem('%s: a git source needs a tag or a 40-digit commit (a branch moves)' % where)
    elif kind == 'dir':
        if not is_app:
            problem('%s: only the application itself is built from the local tree' % where)
        path = source.get('path')
        if not isinstance(path, str) or not os.path.isfile(os.path.join(manifest_dir, path, 'meson.build')):
            problem('%s: the dir path must lead to the source tree (a meson.build)' % where)
    else:
        problem('%s: unexpected source type %r' % (where, kind))


def check_manifest(source_root, manifest_path):
    try:
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        problem('%s: %s' % (manifest_path, e))
        return

    if not isinstance(manifest, dict):
        problem('the manifest is not a JSON object')
        return

    app_id = manifest.get('app-id', manifest.get('id'))
    if not isinstance(app_id, str):
        problem('app-id: missing or not a string')
        app_id = ''
    for key, kind in REQUIRED.items():
        if key not in manifest:
            problem('%s: missing' % key)
        elif not isinstance(manifest[key], kind):
            problem('%s: should be a %s' % (key, kind.__name__))
    for key in ('finish-args', 'cleanup'):
        if isinstance(manifest.get(key), list) and not all(isinstance(a, str) for a in manifest[key]):
            problem('%s: every entry should be a string' % key)

    # GTK 4.8 + libadwaita 1.2 + GLib 2.74: the GNOME 43 runtime (docs/flatpak.md).
    if manifest.get('runtime') != 'org.gnome.Platform':
        problem('runtime: expected org.gnome.Platform')
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problem('sdk: expected org.gnome.Sdk')
    if manifest.get('runtime-version') != '43':
        problem('runtime-version: expected "43" (GTK 4.8, libadwaita 1.2, as on Debian 12)')

    # One id everywhere: meson.build, the desktop file, the metainfo.
    meson_build = open(os.path.join(source_root, 'meson.build'), encoding='utf-8').read()
    m = re.search(r"^app_id\s*=\s*'([^']+)'", meson_build, re.MULTILINE)
    if m is None or m.group(1) != app_id:
        problem('app-id %r is not meson.build’s app_id %r' % (app_id, m.group(1) if m else None))
    desktop_in = os.path.join(source_root, 'data', app_id + '.desktop.in')
    if not os.path.isfile(desktop_in):
        problem('app-id %r: there is no data/%s.desktop.in (the desktop id must be the app id)'
                % (app_id, app_id))
    else:
        exec_line = [l for l in open(desktop_in, encoding='utf-8') if l.startswith('Exec=')]
        command = exec_line[0][len('Exec='):].split()[0] if exec_line else None
        if command != manifest.get('command'):
            problem('command %r is not what the desktop file runs (%r)' % (manifest.get('command'), command))
    metainfo_in = os.path.join(source_root, 'data', app_id + '.metainfo.xml.in')
    if not os.path.isfile(metainfo_in):
        problem('app-id %r: there is no data/%s.metainfo.xml.in' % (app_id, app_id))
    else:
        root = ET.parse(metainfo_in).getroot()
        if root.findtext('id') != app_id:
            problem('the metainfo <id> %r is not the app-id' % root.findtext('id'))
        if root.findtext('launchable') != app_id + '.desktop':
            problem('the metainfo <launchable> %r is not %s.desktop' % (root.findtext('launchable'), app_id))

    # Permissions: no file system access at all (file chooser and print
    # portals), nothing that docs/flatpak.md does not justify.
    finish_args = manifest.get('finish-args') if isinstance(manifest.get('finish-args'), list) else []
    docs = ''
    docs_path = os.path.join(source_root, 'docs', 'flatpak.md')
    if os.path.isfile(docs_path):
        docs = open(docs_path, encoding='utf-8').read()
    else:
        problem('docs/flatpak.md is missing: it justifies every permission')
    for arg in finish_args:
        if not isinstance(arg, str):
            continue
        if arg.startswith('--filesystem') or arg.startswith('--persist'):
            problem('finish-args: %s — documents go through the file chooser portal, not file system access' % arg)
        elif arg not in ALLOWED_FINISH_ARGS:
            problem('finish-args: %s is not one of the permissions the app needs' % arg)
        if docs and '`' + arg + '`' not in docs:
            problem('finish-args: %s is not justified in docs/flatpak.md' % arg)
    if len(set(finish_args)) != len(finish_args):
        problem('finish-args: duplicates')
    if '--socket=x11' in finish_args:
        problem('finish-args: use --socket=fallback-x11, not --socket=x11')

    # Modules: each pinned; the app last, from this tree, without the tests.
    modules = manifest.get('modules') if isinstance(manifest.get('modules'), list) else []
    if not modules:
        problem('modules: none')
        return
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    names = set()
    for i, module in enumerate(modules):
        if not isinstance(module, dict):
            problem('modules[%d]: not an object (module file references are not used here)' % i)
            continue
        name = module.get('name')
        if not isinstance(name, str) or not name:
            problem('modules[%d]: no name' % i)
            name = str(i)
        if name in names:
            problem('module “%s”: the name is used twice' % name)
        names.add(name)
        sources = module.get('sources')
        if not isinstance(sources, list) or not sources:
            problem('module “%s”: no sources' % name)
            continue
        is_app = i == len(modules) - 1
        for j, source in enumerate(sources):
            check_source(name, j, source, manifest_dir, is_app)
        for key in ('config-opts', 'build-commands', 'cleanup', 'make-install-args'):
            value = module.get(key)
            if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
                problem('module “%s”: %s should be a list of strings' % (name, key))

    app = modules[-1]
    if isinstance(app, dict):
        if app.get('name') != 'zicha':
            problem('the last module should be the app, “zicha”')
        if app.get('buildsystem') != 'meson':
            problem('module “zicha”: buildsystem should be meson')
        if '-Dtests=false' not in (app.get('config-opts') or []):
            problem('module “zicha”: config-opts needs -Dtests=false (CUnit is not in the runtime)')
        if not any(isinstance(s, dict) and s.get('type') == 'dir' for s in app.get('sources') or []):
            problem('module “zicha”: should be built from the local tree (a dir source)')
    for needed in ('poppler', 'poppler-data', 'libqrencode'):
        if needed not in names:
            problem('modules: “%s” is missing (the GNOME runtime does not have it)' % needed)


def show_manifest(manifest_path):
    builder = shutil.which('flatpak-builder')
    if builder is None:
        print('flatpak-builder is not installed: skipped')
        return SKIP
    # It leaves a .flatpak-builder folder in the current directory.
    with tempfile.TemporaryDirectory(prefix='zicha-flatpak-') as tmp:
        result = subprocess.run([builder, '--show-manifest', os.path.abspath(manifest_path)],
                                cwd=tmp, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr, end='', file=sys.stderr)
        print('flatpak-builder --show-manifest failed with status %d' % result.returncode)
        return 1
    warnings = [l for l in result.stderr.splitlines() if 'WARNING' in l or 'Unknown property' in l]
    for line in warnings:
        print('flatpak-builder: %s' % line)
    try:
        shown = json.loads(result.stdout)
    except ValueError as e:
        print('flatpak-builder printed something that is not JSON: %s' % e)
        return 1
    if shown.get('id', shown.get('app-id')) != json.load(open(manifest_path, encoding='utf-8')).get('app-id'):
        print('flatpak-builder read another app id: %r' % shown.get('id'))
        return 1
    return 1 if warnings else 0


def main(argv):
    if len(argv) == 4 and argv[1] == '--show-manifest':
        return show_manifest(argv[3])
    if len(argv) != 3:
        print('usage: %s [--show-manifest] SOURCE_ROOT MANIFEST' % argv[0], file=sys.stderr)
        return 2
    check_manifest(argv[1], argv[2])
    for p in problems:
        print('%s: %s' % (os.path.basename(argv[2]), p))
    if not problems:
        print('%s: ok' % os.path.basename(argv[2]))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
