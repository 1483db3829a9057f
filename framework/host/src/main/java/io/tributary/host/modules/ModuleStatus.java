package io.tributary.host.modules;

import io.tributary.spi.Listener;
import java.util.List;

/**
 * What {@code modules list} shows for one module file.
 *
 * @param name        bundle symbolic name, or the file name when the file is not a bundle
 * @param file        file name in the modules directory
 * @param version     bundle version, empty when unknown
 * @param state       ACTIVE, INSTALLED (a bundle without a protocol), or FAILED
 * @param protocol    the protocol it serves, empty when none
 * @param listeners   bound listeners
 * @param connections open connections over all listeners
 * @param error       why it failed, null when it did not
 */
public record ModuleStatus(String name, String file, String version, String state, String protocol,
                           List<Listener> listeners, int connections, String error) {
}
