package io.github.genesysoauth.org;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The working parts of the orgs in use (token source, call policy, interceptor, filter), made by the
 * {@link GenesysOrgAssembler} on an org's first use and released when an org registered at run time or provided has
 * been idle for the idle timeout.
 *
 * <p>Idle orgs are tracked with Caffeine's expire-after-access, driven by the given {@link Clock}: its access
 * recording does not contend on a hot path, which a hand-written last-used stamp per call would.
 */
final class LiveOrgs {

	private static final Log logger = LogFactory.getLog(GenesysOrgs.class);

	private final Cache<GenesysOrg, Live> live;

	private final GenesysOrgAssembler assembly;

	LiveOrgs(GenesysOrgAssembler assembly, Duration idleTimeout, Clock clock) {
		this.assembly = assembly;
		this.live = Caffeine.newBuilder()
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(new IdleRunTimeOrgs(idleTimeout.toNanos()))
			// closes a released org's parts on the thread that released it, so that removal is done when it returns
			.executor(Runnable::run)
			.removalListener(LiveOrgs::release)
			// releases idle orgs on time even when no org is used at all
			.scheduler(Scheduler.systemScheduler())
			.build();
	}

	/** The org's parts, made now if it has none. */
	Live of(GenesysOrg org) {
		return this.live.get(org, this::start);
	}

	/** Releases the org's parts, if it has any. */
	void release(GenesysOrg org) {
		this.live.invalidate(org);
	}

	void releaseAll() {
		this.live.invalidateAll();
	}

	/** Releases the parts of orgs idle for longer than the idle timeout now, rather than on the next access. */
	void releaseIdle() {
		this.live.cleanUp();
	}

	/** Each org in use, with its parts. */
	void forEach(Consumer<Map.Entry<GenesysOrg, Live>> action) {
		this.live.asMap().entrySet().forEach(action);
	}

	private Live start(GenesysOrg org) {
		GenesysOrgAssembler.Assembled assembled = this.assembly.assemble(org.name(),
				org.origin() != GenesysOrg.Origin.PROPERTIES, org.settings().orElseThrow().apiBaseUrl(),
				org::registration);
		org.watchedBy(assembled.watch());
		return new Live(assembled);
	}

	private static void release(@Nullable GenesysOrg org, @Nullable Live parts, RemovalCause cause) {
		if (parts == null) {
			return;
		}
		if (org != null) {
			// its clients, too: held ones keep working, as they find the org's parts for each call
			org.releaseClients();
		}
		try {
			// gone for good when removed or its client replaced, even if it had expired meanwhile
			parts.close(cause != RemovalCause.EXPIRED || (org != null && org.isRemoved()));
		}
		catch (Exception ex) {
			logger.warn("Could not release Genesys org '" + ((org != null) ? org.name() : "?") + "': "
					+ ex.getClass().getSimpleName());
		}
		if (cause == RemovalCause.EXPIRED && org != null && logger.isDebugEnabled()) {
			logger.debug("Released idle Genesys org '" + org.name() + "'");
		}
	}

	/** The working parts of an org in use. */
	static final class Live {

		final GenesysApiCallPolicy policy;

		final GenesysApiRequestInterceptor interceptor;

		private final GenesysOrgObserver.Watch watch;

		private volatile @Nullable Object filter;

		Live(GenesysOrgAssembler.Assembled assembled) {
			this.policy = assembled.policy();
			this.watch = assembled.watch();
			this.interceptor = GenesysApiRequestInterceptor.of(this.policy);
		}

		/** The org's {@code GenesysApiExchangeFilter}, typed {@code Object} so that WebClient need not be present. */
		Object filter() {
			Object current = this.filter;
			if (current == null) {
				current = GenesysOrgExchangeFilters.filter(this.policy);
				this.filter = current;
			}
			return current;
		}

		/** Stops the org's token work; then its watch forgets it for good, or only until it is used again. */
		void close(boolean forGood) throws Exception {
			try {
				this.policy.tokens().close();
			}
			finally {
				if (forGood) {
					this.watch.forget().run();
				}
				else {
					this.watch.release().close();
				}
			}
		}

	}

	/** Orgs registered at run time or provided expire after the idle timeout; orgs of properties never do. */
	private static final class IdleRunTimeOrgs implements Expiry<GenesysOrg, Live> {

		private final long idleNanos;

		IdleRunTimeOrgs(long idleNanos) {
			this.idleNanos = idleNanos;
		}

		private long idle(GenesysOrg org) {
			return (org.origin() == GenesysOrg.Origin.PROPERTIES) ? Long.MAX_VALUE : this.idleNanos;
		}

		@Override
		public long expireAfterCreate(GenesysOrg org, Live parts, long currentTime) {
			return idle(org);
		}

		@Override
		public long expireAfterUpdate(GenesysOrg org, Live parts, long currentTime, long currentDuration) {
			return idle(org);
		}

		@Override
		public long expireAfterRead(GenesysOrg org, Live parts, long currentTime, long currentDuration) {
			return idle(org);
		}

	}

}
