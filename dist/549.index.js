export const id = 549;
export const ids = [549];
export const modules = {

/***/ 3549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kubernetesLogin: () => (/* binding */ kubernetesLogin),
/* harmony export */   serviceAccountToken: () => (/* binding */ serviceAccountToken)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4813);
/* harmony import */ var _exchange_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7244);
// Kubernetes Auth: the pod's service-account token (a runner pod of Actions Runner Controller, for
// example), which Infisical checks with the cluster's TokenReview API.



const KUBERNETES = {
    name: 'Kubernetes',
    path: '/api/v1/auth/kubernetes-auth/login',
    decides: 'allowed namespaces, service account names, audience',
};
/** The service-account token at `path`, masked at once. */
function serviceAccountToken(path) {
    const lacking = (what) => new _exchange_js__WEBPACK_IMPORTED_MODULE_2__/* .LoginError */ .Qd(`method kubernetes needs the pod's service-account token, but ${path} ${what}: run the runner in a pod ` +
        'with a service account token mounted (automountServiceAccountToken), or set kubernetes-token-path');
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw lacking(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`);
    }
    const token = text.trim();
    (0,_runner_js__WEBPACK_IMPORTED_MODULE_1__/* .mask */ .dK)([token]);
    if (token === '')
        throw lacking('is empty');
    return token;
}
function kubernetesLogin(conn, identityId, tokenPath) {
    return (0,_exchange_js__WEBPACK_IMPORTED_MODULE_2__/* .identityLogin */ .Yz)(conn, KUBERNETES, identityId, serviceAccountToken(tokenPath));
}


/***/ })

};
