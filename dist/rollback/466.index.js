export const id = 466;
export const ids = [466];
export const modules = {

/***/ 58085:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   startRecording: () => (/* binding */ startRecording)
/* harmony export */ });
/* harmony import */ var _opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63914);
/* harmony import */ var _opentelemetry_core__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(64715);
/* harmony import */ var _opentelemetry_exporter_trace_otlp_http__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(86004);
/* harmony import */ var _opentelemetry_resources__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83165);
/* harmony import */ var _opentelemetry_sdk_trace_base__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(48878);
/* harmony import */ var _opentelemetry_semantic_conventions__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(42123);
/* harmony import */ var _attributes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(62480);
// Loaded only when a run is traced (see trace.ts): the SDK and the exporter stay out of the
// cold start of every untraced run.







/** How long the backend gets to take the trace before the action goes on without it. */
const EXPORT_TIMEOUT_MS = 10_000;
/**
 * Keeps ended spans until the run ends, then sends them in one request: a run has tens of
 * spans, and one export at the end is one place to bound the time and report a failure.
 */
class RunSpans {
    ended = [];
    onStart() { }
    onEnd(span) {
        this.ended.push(span);
    }
    forceFlush() {
        return Promise.resolve();
    }
    shutdown() {
        return Promise.resolve();
    }
}
function startRecording(target, root) {
    const spans = new RunSpans();
    const provider = new _opentelemetry_sdk_trace_base__WEBPACK_IMPORTED_MODULE_0__/* .BasicTracerProvider */ .l({
        resource: (0,_opentelemetry_resources__WEBPACK_IMPORTED_MODULE_1__.resourceFromAttributes)({ [_opentelemetry_semantic_conventions__WEBPACK_IMPORTED_MODULE_2__/* .ATTR_SERVICE_NAME */ .UX4]: target.serviceName, ...root.resource }),
        spanProcessors: [spans],
    });
    const tracer = provider.getTracer('paved');
    // CI/CD conventions: the run is a SERVER span named after what it does.
    const rootSpan = tracer.startSpan(root.name, {
        kind: _opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__.SpanKind.SERVER,
        startTime: root.startedAt,
        attributes: root.attributes,
    });
    const parent = _opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__.trace.setSpan(_opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__.context.active(), rootSpan);
    return {
        async phase(name, work) {
            const span = tracer.startSpan(name, { attributes: { [_attributes_js__WEBPACK_IMPORTED_MODULE_4__/* .ATTR */ .aP.phase]: name } }, parent);
            try {
                const value = await work();
                span.setStatus({ code: _opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__.SpanStatusCode.OK });
                return value;
            }
            catch (error) {
                markFailed(span, error instanceof Error ? error.name : 'Error', firstLine(error));
                throw error;
            }
            finally {
                span.end();
            }
        },
        end({ attributes, error }) {
            rootSpan.setAttributes(attributes);
            if (error)
                markFailed(rootSpan, error.type, error.message);
            else
                rootSpan.setStatus({ code: _opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__.SpanStatusCode.OK });
            rootSpan.end();
        },
        async flush() {
            const exporter = new _opentelemetry_exporter_trace_otlp_http__WEBPACK_IMPORTED_MODULE_5__/* .OTLPTraceExporter */ .Q({
                url: target.url,
                headers: target.headers,
                timeoutMillis: EXPORT_TIMEOUT_MS,
            });
            const result = await new Promise((resolve) => exporter.export(spans.ended, resolve));
            // Closes the exporter's keep-alive sockets, so the action exits as soon as it is done.
            await exporter.shutdown().catch(() => { });
            if (result.code === _opentelemetry_core__WEBPACK_IMPORTED_MODULE_6__.ExportResultCode.SUCCESS)
                return undefined;
            return (`The trace of this run was not sent to ${target.shown}: ${result.error?.message ?? 'the export failed'}. ` +
                'The release is not affected; check that the OTLP endpoint (input otlp-endpoint or OTEL_EXPORTER_OTLP_ENDPOINT) is reachable and its headers are accepted.');
        },
    };
}
function markFailed(span, type, message) {
    span.setAttribute(_opentelemetry_semantic_conventions__WEBPACK_IMPORTED_MODULE_2__/* .ATTR_ERROR_TYPE */ .oJb, type);
    span.setStatus({ code: _opentelemetry_api__WEBPACK_IMPORTED_MODULE_3__.SpanStatusCode.ERROR, message });
}
function firstLine(error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}


/***/ })

};
