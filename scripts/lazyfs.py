#!/usr/bin/python3
"""A FUSE file system that forgets every write that was not fsynced: a power cut on demand.

    lazyfs.py BACKING MOUNTPOINT        (foreground; kill -9 it to cut the power)

File contents written through MOUNTPOINT live only in this process's memory until the file is
fsynced or fdatasynced (FUSE's FSYNC request); only then are they written to BACKING and
os.fsync'ed there. Killing this process therefore discards exactly the data that no fsync
covered, like a power cut discards the page cache and the drive's write cache. Metadata
(create, rename, unlink, mkdir, chmod) goes to BACKING at once, which is *kinder* than a real
power cut (a real one may also lose a new directory entry that no directory fsync covered).
`sync_file_range` has no FUSE request, so sled's own `flush()` persists nothing here: only
motcua's explicit fdatasync does. Used by scripts/power-cut.sh (Debian: python3-fusepy, fuse3).
"""

import errno
import os
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations


class Lazy(Operations):
    def __init__(self, root):
        self.root = root
        self.dirty = {}  # path -> bytearray: the volatile content of unsynced files
        self.mutex = threading.RLock()

    def _b(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def _content(self, path):
        if path not in self.dirty:
            with open(self._b(path), "rb") as f:
                self.dirty[path] = bytearray(f.read())
        return self.dirty[path]

    # --- metadata: passed through at once ---
    def getattr(self, path, fh=None):
        with self.mutex:
            try:
                st = os.lstat(self._b(path))
            except OSError as e:
                raise FuseOSError(e.errno)
            attrs = {k: getattr(st, k) for k in (
                "st_mode", "st_nlink", "st_uid", "st_gid", "st_size",
                "st_atime", "st_mtime", "st_ctime")}
            if path in self.dirty:
                attrs["st_size"] = len(self.dirty[path])
            return attrs

    def readdir(self, path, fh):
        return [".", ".."] + os.listdir(self._b(path))

    def access(self, path, mode):
        if not os.access(self._b(path), mode):
            raise FuseOSError(errno.EACCES)

    def chmod(self, path, mode):
        os.chmod(self._b(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._b(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._b(path), times)

    def mkdir(self, path, mode):
        os.mkdir(self._b(path), mode)

    def rmdir(self, path):
        os.rmdir(self._b(path))

    def unlink(self, path):
        with self.mutex:
            os.unlink(self._b(path))
            self.dirty.pop(path, None)

    def rename(self, old, new):
        with self.mutex:
            os.rename(self._b(old), self._b(new))
            if old in self.dirty:
                self.dirty[new] = self.dirty.pop(old)
            else:
                self.dirty.pop(new, None)

    def statfs(self, path):
        st = os.statvfs(self._b(path))
        return {k: getattr(st, k) for k in (
            "f_bavail", "f_bfree", "f_blocks", "f_bsize", "f_favail",
            "f_ffree", "f_files", "f_flag", "f_frsize", "f_namemax")}

    # --- contents: volatile until fsync ---
    def create(self, path, mode, fi=None):
        with self.mutex:
            fd = os.open(self._b(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
            os.close(fd)
            self.dirty[path] = bytearray()
            return 0

    def open(self, path, flags):
        with self.mutex:
            if flags & os.O_TRUNC:
                self.dirty[path] = bytearray()
            return 0

    def read(self, path, size, offset, fh):
        with self.mutex:
            return bytes(self._content(path)[offset:offset + size])

    def write(self, path, data, offset, fh):
        with self.mutex:
            buf = self._content(path)
            if offset > len(buf):
                buf.extend(b"\0" * (offset - len(buf)))
            buf[offset:offset + len(data)] = data
            return len(data)

    def truncate(self, path, length, fh=None):
        with self.mutex:
            buf = self._content(path)
            if length < len(buf):
                del buf[length:]
            else:
                buf.extend(b"\0" * (length - len(buf)))

    def fallocate(self, path, mode, offset, length, fh):
        return 0

    def fsync(self, path, datasync, fh):
        with self.mutex:
            buf = self.dirty.get(path)
            if buf is None:
                return 0
            fd = os.open(self._b(path), os.O_WRONLY)
            try:
                os.ftruncate(fd, len(buf))
                os.pwrite(fd, bytes(buf), 0)
                os.fsync(fd)
            finally:
                os.close(fd)
            return 0

    def lock(self, path, fh, cmd, lock):
        # One process at a time uses the mount in the tests: grant every POSIX lock.
        return 0

    def fsyncdir(self, path, datasync, fh):
        return 0

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    FUSE(Lazy(os.path.abspath(sys.argv[1])), sys.argv[2], foreground=True,
         nothreads=True, allow_other=False)
