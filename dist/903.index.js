export const id = 903;
export const ids = [903];
export const modules = {

/***/ 2903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gcpIdToken: () => (/* binding */ gcpIdToken),
/* harmony export */   gcpLogin: () => (/* binding */ gcpLogin)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _exchange_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7244);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6612);



const GCP = {
    name: 'GCP',
    path: '/api/v1/auth/gcp-auth/login',
    decides: 'type GCP ID Token, allowed service accounts, projects, zones',
};
const NOT_GCP = 'method gcp-id-token needs the Google Cloud metadata server: run the runner on a GCE instance or GKE node ' +
    'with a service account attached (or set GCE_METADATA_HOST)';
/** The instance's identity token for `audience`, masked at once. */
async function gcpIdToken(conn, audience, env = process.env) {
    const host = env['GCE_METADATA_HOST'] || 'metadata.google.internal';
    const url = new URL(`http://${host}/computeMetadata/v1/instance/service-accounts/default/identity`);
    url.search = new URLSearchParams({ audience, format: 'full' }).toString();
    const name = 'Getting the GCP identity token';
    const response = await (0,_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .askMetadata */ .b)(conn, {
        name,
        url: url.href,
        headers: { 'metadata-flavor': 'Google' },
        hint: NOT_GCP,
    });
    const token = response.body.trim();
    (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)([token]);
    // Google's servers say who they are; anything else at that address is not a metadata server.
    if (response.headers['metadata-flavor'] !== 'Google') {
        throw new _exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .LoginError */ .Qd(`${name} failed: ${url.host} is not a Google metadata server. ${NOT_GCP}`);
    }
    if (token === '')
        throw new _exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .LoginError */ .Qd(`${name} failed: the answer is empty. ${NOT_GCP}`);
    return token;
}
async function gcpLogin(conn, identityId, env = process.env) {
    return (0,_exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .identityLogin */ .Yz)(conn, GCP, identityId, await gcpIdToken(conn, identityId, env));
}


/***/ }),

/***/ 6612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ askMetadata)
/* harmony export */ });
/* unused harmony export METADATA_TIMEOUT_MS */
/* harmony import */ var _infisical_api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9590);
/* harmony import */ var _exchange_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7244);
// Calls to a cloud's metadata service (GCP, Azure): never through a proxy (the service answers only
// the machine itself), with a short deadline of its own, and without Infisical's extra headers or
// CAs. A runner without the service fails in one line that says what it lacks.


/** A metadata service answers in milliseconds; a runner off that cloud should not wait 30 s per try. */
const METADATA_TIMEOUT_MS = 5000;
/** The answer of a metadata service (2xx), or a one-line failure ending with the call's hint. */
async function askMetadata(conn, call) {
    const metadata = {
        domain: '',
        timeoutMs: Math.min(conn.timeoutMs, METADATA_TIMEOUT_MS),
        retry: conn.retry,
        direct: true,
    };
    const { name, url, headers, hint } = call;
    let response;
    try {
        response = await (0,_infisical_api_js__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(metadata, { name, url, headers, method: 'GET', path: '' });
    }
    catch (error) {
        if (error instanceof _infisical_api_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD && error.status === undefined) {
            // The deadline here is the metadata service's own, not the request-timeout input.
            const message = error.message.replace('request-timeout of', 'the metadata deadline of');
            throw new _exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .LoginError */ .Qd(`${message}. ${hint}`);
        }
        throw error;
    }
    if (response.status < 200 || response.status > 299)
        throw (0,_infisical_api_js__WEBPACK_IMPORTED_MODULE_0__/* .httpFailure */ .tG)(name, response, hint);
    return response;
}


/***/ })

};
