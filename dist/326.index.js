export const id = 326;
export const ids = [326];
export const modules = {

/***/ 2326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   azureLogin: () => (/* binding */ azureLogin),
/* harmony export */   azureToken: () => (/* binding */ azureToken)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
/* harmony import */ var _exchange_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7244);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6612);



const AZURE = {
    name: 'Azure',
    path: '/api/v1/auth/azure-auth/login',
    decides: 'tenant ID, resource, allowed service principal IDs',
};
const NOT_AZURE = 'method azure needs a managed identity: run the runner on an Azure VM, scale set or App Service with a ' +
    'managed identity assigned, and give azure-resource the resource set on the identity in Infisical';
/** Where to ask for the token: the URL and the headers that prove the caller is on the machine. */
function tokenSource(resource, env) {
    const endpoint = env['IDENTITY_ENDPOINT'];
    const secret = env['IDENTITY_HEADER'];
    const query = { resource };
    if (env['AZURE_CLIENT_ID'])
        query['client_id'] = env['AZURE_CLIENT_ID'];
    if (endpoint && secret) {
        (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)([secret]);
        const url = new URL(endpoint);
        url.search = new URLSearchParams({ 'api-version': '2019-08-01', ...query }).toString();
        return { url, headers: { 'x-identity-header': secret } };
    }
    if (endpoint) {
        throw new _exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .LoginError */ .Qd('method azure: Azure Arc managed identities are not supported (IDENTITY_ENDPOINT is set without IDENTITY_HEADER)');
    }
    const base = env['AZURE_POD_IDENTITY_AUTHORITY_HOST'] || 'http://169.254.169.254';
    const url = new URL('/metadata/identity/oauth2/token', base);
    url.search = new URLSearchParams({ 'api-version': '2018-02-01', ...query }).toString();
    return { url, headers: { metadata: 'true' } };
}
/** The managed identity's access token for `resource`, masked at once. */
async function azureToken(conn, resource, env = process.env) {
    const { url, headers } = tokenSource(resource, env);
    const name = 'Getting the Azure managed identity token';
    const response = await (0,_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .askMetadata */ .b)(conn, { name, url: url.href, headers, hint: NOT_AZURE });
    let token;
    try {
        token = JSON.parse(response.body)?.access_token;
    }
    catch {
        // The whole body may be a credential in some other shape: masked, never shown.
        (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)([response.body]);
    }
    if (typeof token !== 'string' || token === '') {
        throw new _exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .LoginError */ .Qd(`${name} failed: the answer has no access_token (${url.host} is not Azure's token service?)`);
    }
    (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)([token]);
    return token;
}
async function azureLogin(conn, identityId, resource, env = process.env) {
    return (0,_exchange_js__WEBPACK_IMPORTED_MODULE_1__/* .identityLogin */ .Yz)(conn, AZURE, identityId, await azureToken(conn, resource, env));
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
