package io.tributary.host.runtime;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/** Sends Felix's own log to slf4j instead of standard output. */
final class FelixLogger extends Logger {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.tributary.host.felix");

    @Override
    protected void doLogOut(int level, String message, Throwable error) {
        switch (level) {
            case LOG_ERROR -> LOG.error(message, error);
            case LOG_WARNING -> LOG.warn(message, error);
            case LOG_INFO -> LOG.info(message, error);
            default -> LOG.debug(message, error);
        }
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String prefix = bundle == null ? "" : "[" + bundle.getSymbolicName() + "] ";
        doLogOut(level, prefix + msg, throwable);
    }
}
