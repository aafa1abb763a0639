package io.github.genesysoauth.client;


import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;

/**
 * A request body that can be sent again byte for byte: the first attempt records what its inserter wrote, later
 * attempts write the recording. Only a body written as one buffer is recorded (what {@code bodyValue}, form data
 * and any {@code Mono} body produce); a body written as a stream of buffers ({@code Flux} bodies, multipart,
 * resources, server-sent events) may not be repeatable, so it is never replayed and its request never retried.
 */
final class ReplayableBody {

	private static final byte[] EMPTY = new byte[0];

	private final BodyInserter<?, ? super ClientHttpRequest> original;

	private final BodyInserter<Object, ClientHttpRequest> inserter = this::insert;

	private volatile byte @Nullable [] recorded;

	private volatile @Nullable MediaType contentType;

	private volatile boolean streaming;

	ReplayableBody(BodyInserter<?, ? super ClientHttpRequest> original) {
		this.original = original;
	}

	BodyInserter<Object, ClientHttpRequest> inserter() {
		return this.inserter;
	}

	/** Whether the body was recorded whole, so that the request may be sent again. */
	boolean canReplay() {
		return !this.streaming && this.recorded != null;
	}

	private Mono<Void> insert(ClientHttpRequest message, BodyInserter.Context context) {
		byte[] bytes = this.recorded;
		if (bytes == null) {
			return this.original.insert(new Recording(message), context);
		}
		MediaType type = this.contentType;
		if (type != null && message.getHeaders().getContentType() == null) {
			message.getHeaders().setContentType(type);
		}
		message.getHeaders().setContentLength(bytes.length);
		return message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(bytes)));
	}

	private final class Recording extends ClientHttpRequestDecorator {

		Recording(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (body instanceof Mono<? extends DataBuffer> single) {
				return super.writeWith(single.doOnNext(this::record).doOnSuccess((buffer) -> {
					if (buffer == null) {
						recordEmpty();
					}
				}));
			}
			ReplayableBody.this.streaming = true;
			return super.writeWith(body);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			ReplayableBody.this.streaming = true;
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			recordEmpty();
			return super.setComplete();
		}

		private void record(DataBuffer buffer) {
			byte[] bytes = new byte[buffer.readableByteCount()];
			int position = buffer.readPosition();
			buffer.read(bytes);
			buffer.readPosition(position);
			ReplayableBody.this.contentType = getHeaders().getContentType();
			ReplayableBody.this.recorded = bytes;
		}

		private void recordEmpty() {
			ReplayableBody.this.contentType = getHeaders().getContentType();
			ReplayableBody.this.recorded = EMPTY;
		}

	}

}
