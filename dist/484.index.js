export const id = 484;
export const ids = [484];
export const modules = {

/***/ 2484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   tokenLogin: () => (/* binding */ tokenLogin)
/* harmony export */ });
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4813);
// Token Auth: an access token Infisical issued to the identity beforehand, given as the input
// `token`. No login call. It was masked before any input was read (src/main.ts), and the post step
// never revokes it: revoke-token applies to tokens this action obtained, and this one belongs to
// whoever issued it (other jobs may be using it).

function tokenLogin(token) {
    (0,_runner_js__WEBPACK_IMPORTED_MODULE_0__/* .mask */ .dK)([token]);
    return { accessToken: token, revocable: false };
}


/***/ })

};
