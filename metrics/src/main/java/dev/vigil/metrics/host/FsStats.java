package dev.vigil.metrics.host;

/**
 * What statvfs(3) says about one mounted filesystem, in bytes and inodes; inode counts are NaN when
 * the platform API used cannot see them.
 */
record FsStats(double size, double free, double avail, double files, double filesFree) {}
