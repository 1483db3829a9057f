package io.tributary.testmodule.echo;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** An activator that always fails, to show that a broken module leaves the broker serving. */
public final class FailingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("echo module configured to fail on start");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
