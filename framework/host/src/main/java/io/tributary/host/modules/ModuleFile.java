package io.tributary.host.modules;

import org.osgi.framework.Bundle;

/**
 * A jar in the modules directory and what became of it.
 *
 * @param file   file name
 * @param stamp  size and modification time when last read, to skip unchanged files cheaply
 * @param digest content digest, to tell a replaced file from an unchanged one
 * @param bundle the installed bundle, null when installing failed
 * @param error  why installing or starting failed, null when it did not
 */
record ModuleFile(String file, String stamp, String digest, Bundle bundle, String error) {
}
